package io.github.ghcrtools.helm.oci.push;

import io.github.ghcrtools.core.policy.GhcrReference;
import io.github.ghcrtools.core.policy.PolicyViolationException;
import java.util.List;
import land.oras.ContainerRef;
import land.oras.Registry;
import land.oras.auth.RegistriesConf;

/**
 * The last check before the ORAS client sends anything: it must address ghcr.io itself, over
 * verified https. ORAS 0.7.0 consults containers' {@code registries.conf} on every call, where
 * an entry can rewrite ghcr.io to another host, mark it insecure (plain http, credentials in
 * clear) or add mirrors; ghcr-core's {@code RegistriesConfGuard} reads the same files first, and
 * this guard asks the client's own view of them, so a file format the guard misreads is still
 * caught.
 */
final class OrasTransportGuard {

    private OrasTransportGuard() {
    }

    /**
     * @param conf the registries configuration the client uses ({@code registry.getRegistriesConf()})
     * @throws PolicyViolationException naming what would redirect or weaken the connection
     */
    static void check(Registry registry, RegistriesConf conf, ContainerRef ref) {
        String where = " for " + name(ref);
        if (!GhcrReference.REGISTRY.equals(registry.getRegistry()) || !GhcrReference.REGISTRY.equals(ref.getRegistry())) {
            throw new PolicyViolationException("The ORAS client is set up for '" + registry.getRegistry() + "'" + where
                    + "; only ghcr.io is allowed.");
        }
        if (registry.isInsecure() || !"https".equals(registry.getScheme())) {
            throw new PolicyViolationException("The ORAS client is set up for plain http" + where
                    + "; ghcr.io is only reached over verified https.");
        }
        ContainerRef rewritten = conf.rewrite(ref);
        if (!name(rewritten).equals(name(ref))) {
            throw refused("rewrites ghcr.io to '" + name(rewritten) + "'" + where,
                    "remove the [[registry]] entry's location for ghcr.io");
        }
        if (conf.isInsecure(registry, ref)) {
            throw refused("marks ghcr.io insecure (plain http, credentials in clear)" + where,
                    "remove 'insecure = true' for ghcr.io");
        }
        List<RegistriesConf.MirrorConfig> mirrors = conf.getMirrors(ref);
        if (!mirrors.isEmpty()) {
            throw refused("adds " + mirrors.size() + " mirror(s) for ghcr.io" + where,
                    "remove the [[registry.mirror]] tables for ghcr.io");
        }
        if (conf.isBlocked(ref)) {
            throw refused("blocks ghcr.io" + where, "remove 'blocked = true' for ghcr.io");
        }
    }

    /** {@code host/namespace/name}, without tag or digest. */
    private static String name(ContainerRef ref) {
        return ref.getRegistry() + "/" + ref.getFullRepository();
    }

    private static PolicyViolationException refused(String problem, String fix) {
        return new PolicyViolationException("The containers registries configuration (CONTAINERS_REGISTRIES_CONF,"
                + " /etc/containers/registries.conf, ~/.config/containers/registries.conf) " + problem
                + "; the chart is only pushed to ghcr.io itself over verified https: " + fix + ".");
    }
}
