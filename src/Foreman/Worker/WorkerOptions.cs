using System.ComponentModel.DataAnnotations;

namespace Foreman.Worker;

/// <summary>Section <c>Foreman:Worker</c>.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Foreman:Worker";

    /// <summary>Run the inference worker in this process. Tests that drive <c>RunOnceAsync</c> themselves turn it off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a model stays resident after a job when the request does not say (Ollama's keep_alive): zero unloads at once, negative never.</summary>
    public TimeSpan DefaultKeepAlive { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A job whose attempt was cut by the process dying (a native crash, out of memory, kill -9) this many times is
    /// failed as <c>crashed_worker</c> when it is taken back, instead of being run again to take the process down again.
    /// </summary>
    [Range(1, 1000)] public int MaxCrashes { get; set; } = 2;
}
