package dev.rosterd.c2s.tls;

/**
 * Where the server's certificate comes from: PEM files the operator gave, or, when none, a
 * self-signed certificate generated once for the domain in a directory.
 *
 * @param certPath the certificate chain PEM, or null to generate one
 * @param keyPath the private key PEM (with {@code certPath})
 * @param generatedDirectory where a generated certificate is kept
 */
public record CertificateFiles(String domain, String certPath, String keyPath, String generatedDirectory) {}
