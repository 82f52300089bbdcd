/** What a deploy would do, worked out without changing anything: {@code POST /apps/{app}/plan}. */
@NullMarked
package dev.baton.service.plan;

import org.jspecify.annotations.NullMarked;
