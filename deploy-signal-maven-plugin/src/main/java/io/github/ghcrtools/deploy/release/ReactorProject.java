package io.github.ghcrtools.deploy.release;

import java.nio.file.Path;

/**
 * A project of the reactor, where its files are: the release finds each artifact's files there.
 *
 * @param id {@code groupId:artifactId}
 * @param basedir the project's folder, which records' relative paths start from
 * @param buildDirectory its {@code target}
 */
public record ReactorProject(String id, Path basedir, Path buildDirectory) {}
