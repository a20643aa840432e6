package io.github.ghcrtools.helm.oci.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrasLoggingTest {

    @BeforeEach
    @AfterEach
    void clear() {
        System.clearProperty(OrasLogging.LEVEL);
    }

    @Test
    void turnsOrasRequestErrorsOffUnlessDebugOrSetByTheUser() {
        OrasLogging.quietRequestErrors(true);
        assertNull(System.getProperty(OrasLogging.LEVEL), "-X keeps ORAS's own lines");

        OrasLogging.quietRequestErrors(false);
        assertEquals("off", System.getProperty(OrasLogging.LEVEL));

        System.setProperty(OrasLogging.LEVEL, "error");
        OrasLogging.quietRequestErrors(false);
        assertEquals("error", System.getProperty(OrasLogging.LEVEL), "the user's level wins");
    }
}
