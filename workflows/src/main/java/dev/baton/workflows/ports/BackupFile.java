package dev.baton.workflows.ports;

/** A backup's file as written to the store: its size and the SHA-256 of its bytes (hex). */
public record BackupFile(String file, long sizeBytes, String sha256) {}
