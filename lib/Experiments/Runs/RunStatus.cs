using System.Text.Json;
using System.Text.Json.Serialization;

namespace GanWorkbench.Experiments;

/// <summary>Where a run stands.</summary>
public enum RunState
{
    /// <summary>A process is training it.</summary>
    Running,
    /// <summary>It trained its whole budget.</summary>
    Completed,
    /// <summary>A loss went non-finite; the last checkpoint is kept.</summary>
    Diverged,
    /// <summary>It stopped on an error or was cancelled.</summary>
    Failed,
    /// <summary>Its process died without finishing (read as such from a <see cref="Running"/> status whose lock is free).</summary>
    Interrupted,
}

/// <summary>The state of a run, as written to <c>status.json</c>.</summary>
public sealed record RunStatus(
    [property: JsonPropertyName("state")] RunState State,
    [property: JsonPropertyName("step")] long Step,
    [property: JsonPropertyName("total_steps")] long TotalSteps,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("started_utc")] DateTime StartedUtc,
    [property: JsonPropertyName("updated_utc")] DateTime UpdatedUtc,
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("host")] string? Host = null)
{
    /// <summary>True for states a run never leaves: completed, diverged, failed.</summary>
    [JsonIgnore] public bool IsFinal => State is RunState.Completed or RunState.Diverged or RunState.Failed;

    /// <summary>How status.json is written: indented, states in lower case.</summary>
    internal static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };
}

