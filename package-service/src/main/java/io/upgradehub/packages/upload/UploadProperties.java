package io.upgradehub.packages.upload;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of a package upload.
 *
 * @param maxFileSize the largest package file accepted; a larger one is cut off as it streams in
 */
@ConfigurationProperties("upgradehub.packages")
public record UploadProperties(@DefaultValue("2GB") DataSize maxFileSize) {

  public UploadProperties {
    if (maxFileSize.toBytes() < 1) {
      throw new IllegalArgumentException("upgradehub.packages.max-file-size must be positive");
    }
  }
}
