package io.upgradehub.packages.signing;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform's package signing key (Ed25519).
 *
 * @param keyFile a PEM file holding the PKCS#8 {@code PRIVATE KEY} and its X.509 {@code PUBLIC KEY}
 *     (e.g. {@code openssl genpkey -algorithm ed25519 -out k.pem && openssl pkey -in k.pem -pubout
 *     >> k.pem}); in Kubernetes, a mounted Secret
 * @param generateIfMissing create and persist a new key when the file does not exist; meant for the
 *     local run and tests, off by default so that a misconfigured deployment fails to start rather
 *     than sign with a key nobody distributed
 */
@ConfigurationProperties("upgradehub.signing")
public record SigningProperties(
    @DefaultValue("signing-key.pem") Path keyFile,
    @DefaultValue("false") boolean generateIfMissing) {}
