package dev.baton.service.apps;

import dev.baton.service.api.ServiceName;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of a deploy or a plan: either a Compose file with what {@code docker compose} would
 * take from the caller's machine (variables, the .env file, env_file contents, profiles), or {@code
 * images}: the latest revision's file with new images.
 *
 * @param compose the Compose file
 * @param variables values for ${VAR} (the caller's environment; they win over {@code envFile})
 * @param envFile the text of the .env file beside the Compose file (or of --env-file)
 * @param files the contents of the files the services' env_file name, by that path
 * @param profiles the profiles to enable (as --profile); "*" enables all
 * @param images service name to image reference: deploy the latest file with these images
 * @param reason why, recorded with the operation
 */
public record DeployRequest(
    @Nullable String compose,
    @Nullable
        Map<
            @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]*", message = "is not a variable name") String,
            @NotNull String>
        variables,
    @Nullable String envFile,
    @Nullable @Size(max = 50) Map<String, @NotNull String> files,
    @Nullable @Size(max = 20)
        List<
                @Pattern(regexp = "[A-Za-z0-9*][A-Za-z0-9_.-]*", message = "is not a profile name")
                String>
            profiles,
    @Nullable
        Map<
            @ServiceName String,
            @NotNull(message = "an image reference is required")
            @Pattern(regexp = "\\S+", message = "an image reference is required") String>
        images,
    @Nullable String reason) {}
