package io.github.ghcrtools.helm.oci.push;

/** Where the push reports progress: the Maven log in the Mojo, a list in tests. */
public interface PushLog {

  void info(String message);

  void warn(String message);
}
