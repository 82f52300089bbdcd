package dev.baton.service.apps;

import dev.baton.service.api.DnsLabel;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON form of a deploy: the latest revision's Compose file with new images. */
public record ImageDeployRequest(
    @NotEmpty(message = "required: service name to image reference")
        Map<
                @DnsLabel String,
                @NotNull(message = "an image reference is required")
                @Pattern(regexp = "\\S+", message = "an image reference is required") String>
            images,
    @Nullable String reason) {}
