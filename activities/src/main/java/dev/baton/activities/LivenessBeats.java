package dev.baton.activities;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Every running activity with a heartbeat timeout beats four times per timeout while its worker
 * lives, whatever the activity itself does: a Docker call stuck in a slow engine is not mistaken
 * for a dead worker, and a worker that died (a Baton replica killed) is seen within the timeout, so
 * another replica retries its call in seconds. Each beat repeats the details the activity last
 * gave, so the Temporal UI keeps showing its progress.
 */
@Component
public class LivenessBeats extends WorkerInterceptorBase {
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("liveness-beats-"));

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new Beating(next);
  }

  private final class Beating extends ActivityInboundCallsInterceptorBase {
    private final AtomicReference<Object> lastDetails = new AtomicReference<>();
    private ActivityExecutionContext context;

    Beating(ActivityInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public void init(ActivityExecutionContext context) {
      this.context = context;
      super.init(remembering(context));
    }

    @Override
    public ActivityOutput execute(ActivityInput input) {
      Duration timeout = context.getInfo().getHeartbeatTimeout();
      if (timeout == null || timeout.isZero()) {
        return super.execute(input);
      }
      long every = Math.max(100, timeout.toMillis() / 4);
      ScheduledFuture<?> beats =
          timer.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
      try {
        return super.execute(input);
      } finally {
        beats.cancel(false);
      }
    }

    private void beat() {
      try {
        context.heartbeat(lastDetails.get());
      } catch (RuntimeException cancelledOrGone) {
        // The activity sees the cancellation itself on its next heartbeat or its end.
      }
    }

    /** The activity's context, noting the details of each heartbeat it sends. */
    private ActivityExecutionContext remembering(ActivityExecutionContext context) {
      return (ActivityExecutionContext)
          Proxy.newProxyInstance(
              ActivityExecutionContext.class.getClassLoader(),
              // Every interface of the SDK's own context, internal ones included.
              ClassUtils.getAllInterfacesForClass(context.getClass()),
              (proxy, method, args) -> {
                if (method.getName().equals("heartbeat") && args != null && args.length == 1) {
                  lastDetails.set(args[0]);
                }
                try {
                  return method.invoke(context, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }
  }
}
