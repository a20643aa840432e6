package io.github.ghcrtools.it.standin;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Owns one stand-in per test class: started before the first test, closed after the last, and
 * handed to tests as a parameter of its type. {@code @Nested} classes share their outer class's.
 *
 * @param <T> the stand-in
 */
public abstract class PerClassExtension<T extends AutoCloseable>
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private final Class<T> type;
  private T resource;

  /** The class context that started it. */
  private String owner;

  protected PerClassExtension(Class<T> type) {
    this.type = type;
  }

  /** Starts the stand-in; called once per test class. */
  protected abstract T start();

  @Override
  public void beforeAll(ExtensionContext context) {
    if (resource == null) {
      resource = start();
      owner = context.getUniqueId();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (resource != null && context.getUniqueId().equals(owner)) {
      try {
        resource.close();
      } finally {
        resource = null;
        owner = null;
      }
    }
  }

  /** The running stand-in; only between beforeAll and afterAll. */
  protected T resource() {
    if (resource == null) {
      throw new IllegalStateException(
          "the "
              + type.getSimpleName()
              + " is not running: register "
              + getClass().getSimpleName()
              + " with @RegisterExtension on a static field");
    }
    return resource;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == type;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return resource();
  }
}
