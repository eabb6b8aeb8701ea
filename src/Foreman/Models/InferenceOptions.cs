using System.ComponentModel.DataAnnotations;

namespace Foreman.Models;

/// <summary>How a model is run: device, threads, and the windows long audio is cut into.</summary>
public sealed class InferenceOptions : IValidatableObject
{
    public const string Section = "Foreman:Inference";

    public InferenceDevice Device { get; init; } = InferenceDevice.Auto;

    /// <summary>Threads inside one operator (ONNX Runtime intra-op); one per core by default.</summary>
    public int IntraOpThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Longest audio one inference call sees, context included. Longer audio goes in overlapping windows, so memory
    /// stays bounded for an hour of audio; shorter audio is one call.
    /// </summary>
    public double WindowSeconds { get; init; } = 60;

    /// <summary>
    /// Audio each window carries on either side beyond the frames it keeps: the model's receptive field
    /// (±337 frames = 6.74 s for the bundled model), so kept frames see what a whole-file pass would.
    /// </summary>
    public double ContextSeconds { get; init; } = 6.8;

    /// <summary>Throws one exception that lists every invalid setting.</summary>
    public InferenceOptions Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Device)) errors.Add($"Device {Device} is not one of auto, cpu, cuda");
        if (IntraOpThreads < 1) errors.Add($"IntraOpThreads must be at least 1 (got {IntraOpThreads})");
        if (!(ContextSeconds >= 0)) errors.Add($"ContextSeconds must be 0 or more (got {ContextSeconds})");
        if (!(WindowSeconds > 2 * ContextSeconds + 1))
            errors.Add($"WindowSeconds must exceed twice ContextSeconds by more than 1 s (got {WindowSeconds} with context {ContextSeconds})");
        if (errors.Count > 0) throw new ArgumentException("invalid inference options: " + string.Join("; ", errors));
        return this;
    }

    /// <summary>The same checks for the options pattern's start-up validation (<c>ValidateDataAnnotations</c>).</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        string? error = null;
        try { Validate(); }
        catch (ArgumentException e) { error = e.Message; }
        if (error is not null) yield return new ValidationResult(error);
    }
}
