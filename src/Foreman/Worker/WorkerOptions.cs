namespace Foreman.Worker;

/// <summary>Section <c>Foreman:Worker</c>.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Foreman:Worker";

    /// <summary>Run the inference worker in this process. Tests that drive <c>RunOnceAsync</c> themselves turn it off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a model stays resident after a job when the request does not say (Ollama's keep_alive): zero unloads at once, negative never.</summary>
    public TimeSpan DefaultKeepAlive { get; set; } = TimeSpan.FromMinutes(5);
}
