package io.github.ghcrtools.deploy.release;

/**
 * The compressed size of one platform's image: its config plus its layers, as pulled.
 *
 * @param platform {@code os/architecture[/variant]}
 * @param size bytes
 */
public record PlatformSize(String platform, long size) {}
