package io.upgradehub.packages.signing;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the public key that verifies package signatures. */
@RestController
class SigningKeyController {

  private final PackageSigner signer;

  SigningKeyController(PackageSigner signer) {
    this.signer = signer;
  }

  @GetMapping("/api/v1/packages/signing-key")
  SigningKeyResponse signingKey() {
    return signer.publicKey();
  }
}
