package dev.baton.service.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Enforces {@link RequiresRole} on every API handler before its arguments are bound. */
@Configuration
public class RoleInterceptor implements HandlerInterceptor, WebMvcConfigurer {

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (handler instanceof HandlerMethod method) {
      RequiresRole required = required(method);
      if (required != null) {
        Callers.require(request, required.value());
      }
    }
    return true;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/api/**");
  }

  /** The role {@code handler} needs: its own, else its controller's; null when any caller may. */
  public static @Nullable RequiresRole required(HandlerMethod handler) {
    RequiresRole own = handler.getMethodAnnotation(RequiresRole.class);
    return own != null ? own : handler.getBeanType().getAnnotation(RequiresRole.class);
  }
}
