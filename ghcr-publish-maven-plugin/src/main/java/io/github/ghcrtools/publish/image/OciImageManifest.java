package io.github.ghcrtools.publish.image;

import java.util.List;

/**
 * The parts of one image manifest the plugin needs: its digest (the image's identity), the config
 * digest (Jib's "image id") and the layer blobs.
 *
 * @param digest {@code sha256:...} of the manifest bytes
 * @param configDigest {@code sha256:...} of the config blob
 * @param layers layer descriptors in order
 */
public record OciImageManifest(String digest, String configDigest, List<Layer> layers) {

  public OciImageManifest {
    layers = List.copyOf(layers);
  }

  public List<String> layerDigests() {
    return layers.stream().map(Layer::digest).toList();
  }

  /** One layer blob. */
  public record Layer(String mediaType, String digest, long size) {

    public boolean gzipped() {
      return mediaType == null || mediaType.endsWith("+gzip") || mediaType.endsWith(".tar.gzip");
    }

    public boolean uncompressedTar() {
      return mediaType != null
          && (mediaType.endsWith(".tar") || mediaType.endsWith("layer.v1.tar"));
    }
  }
}
