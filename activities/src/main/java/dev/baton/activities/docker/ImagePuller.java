package dev.baton.activities.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pulls an image unless present, heartbeating its progress. Must run on an activity thread: the
 * callback only records progress, the activity thread heartbeats it, so a cancelled activity stops
 * waiting (heartbeat throws) instead of the exception dying on docker-java's thread.
 */
final class ImagePuller {

  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  private final Duration timeout;

  ImagePuller(Duration timeout) {
    this.timeout = timeout;
  }

  static boolean present(DockerClient docker, String image) {
    try {
      docker.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** Returns true when it pulled, false when the image was already there. */
  boolean ensurePresent(DockerClient docker, String hostName, String image) {
    if (present(docker, image)) {
      return false;
    }
    ActivityExecutionContext activity = Activity.getExecutionContext();
    String[] ref = repositoryAndTag(image);
    AtomicReference<String> status = new AtomicReference<>("starting");
    CountDownLatch ended = new CountDownLatch(1);
    PullImageResultCallback callback =
        new PullImageResultCallback() {
          @Override
          public void onNext(PullResponseItem item) {
            if (item.getStatus() != null) {
              status.set(
                  item.getId() == null ? item.getStatus() : item.getId() + " " + item.getStatus());
            }
            super.onNext(item);
          }

          @Override
          public void onComplete() {
            super.onComplete();
            ended.countDown();
          }

          @Override
          public void onError(Throwable error) {
            super.onError(error);
            ended.countDown();
          }
        };
    long deadline = System.nanoTime() + timeout.toNanos();
    PullImageCmd pull = docker.pullImageCmd(ref[0]);
    if (ref[1] != null) {
      pull.withTag(ref[1]); // docker-java rejects a null tag; a digest reference has none
    }
    try (PullImageResultCallback running = pull.exec(callback)) {
      // Not awaitCompletion(timeout): it closes the stream and judges the pull when the time is
      // up, so a pull longer than a second failed "Could not pull image: Extracting".
      while (!ended.await(1, TimeUnit.SECONDS)) {
        activity.heartbeat("pulling " + image + " on " + hostName + ": " + status.get());
        if (System.nanoTime() > deadline) {
          throw ApplicationFailure.newFailure(
              "pull of " + image + " on " + hostName + " took longer than " + timeout,
              "PullTimeout");
        }
      }
      running.awaitCompletion(); // ended: throws its error, or one the pull reported
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("pull interrupted", "PullInterrupted");
    } catch (ApplicationFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw classify(image, hostName, e);
    } catch (IOException e) {
      // Closing the stream failed after the pull ended: the image check below decides.
    }
    if (!present(docker, image)) {
      throw ApplicationFailure.newFailure(
          "pull of " + image + " on " + hostName + " ended without the image", "PullFailed");
    }
    return true;
  }

  /** A tag or repository that does not exist will not appear by retrying: fail for good. */
  private static RuntimeException classify(String image, String host, RuntimeException e) {
    String msg = String.valueOf(e.getMessage());
    String lower = msg.toLowerCase(Locale.ROOT);
    String text = "pull of " + image + " on " + host + " failed: " + msg.trim();
    if (e instanceof NotFoundException
        || lower.contains("manifest unknown")
        || lower.contains("not found")
        || lower.contains("does not exist")
        || lower.contains("unauthorized")) {
      return ApplicationFailure.newNonRetryableFailureWithCause(text, "ImageNotFound", e);
    }
    return ApplicationFailure.newFailureWithCause(text, "PullFailed", e);
  }

  /** "reg:5000/app:v1" → ["reg:5000/app", "v1"]; no tag → "latest"; digests stay whole. */
  static String[] repositoryAndTag(String image) {
    if (image.contains("@")) {
      return new String[] {image, null};
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    if (colon > slash) {
      return new String[] {image.substring(0, colon), image.substring(colon + 1)};
    }
    return new String[] {image, "latest"};
  }
}
