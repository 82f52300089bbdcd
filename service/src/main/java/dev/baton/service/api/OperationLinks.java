package dev.baton.service.api;

/** Where an operation's pieces are: itself, its app, its events and its run in the Temporal UI. */
public record OperationLinks(String self, String app, String events, String temporalUi) {}
