/**
 * The rollout skeleton shared by deploy, scale and rollback: steering, progress, status writing and
 * the move-back path. Types here are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.baton.workflows.rollout;

import org.jspecify.annotations.NullMarked;
