/** What the API shows of the balancers. */
@NullMarked
package dev.baton.service.balancers;

import org.jspecify.annotations.NullMarked;
