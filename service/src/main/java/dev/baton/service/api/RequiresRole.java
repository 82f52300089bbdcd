package dev.baton.service.api;

import dev.baton.service.auth.Caller;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The role a handler needs, on the method or on a controller whose every handler needs it. {@link
 * RoleInterceptor} checks it before the body is read, so a caller without the role learns nothing
 * about what a valid body looks like.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresRole {
  Caller.Role value();
}
