// Deliberate violations of the module rules, for ModuleDependencyTests: each type repeats one back-arrow the server
// once had (issue 20), and one type per rule shows an allowed arrow. Nothing calls them.
#pragma warning disable CS0169, CS0649 // fields only declare the reference

namespace Foreman.Models.ArchitectureProbes
{
    internal sealed class RunsTheEngineProbe { private Foreman.Alignment.ForcedAlignmentEngine? _engine; }

    internal sealed class AllowedEmissionsProbe { private Foreman.Emissions.EmissionMatrix? _emissions; }
}

namespace Foreman.Alignment.ArchitectureProbes
{
    internal sealed class CallsTheModelProbe { private Foreman.Models.CtcModel? _model; }
}

namespace Foreman.Queue.ArchitectureProbes
{
    internal sealed class ReadsCompositionOptionsProbe
    {
        public static int Commands() => Foreman.Hosting.ForemanCommands.Build().Subcommands.Count;
    }
}

namespace Foreman.Api.ArchitectureProbes
{
    internal sealed class RunsJobsProbe { private Foreman.Worker.AlignmentWorker? _worker; }

    internal sealed class AllowedWorkerStatusProbe { private Foreman.Worker.WorkerStatus? _status; }
}

namespace Foreman.Inputs.ArchitectureProbes
{
    internal sealed class ThrowsAlignmentErrorProbe
    {
        public static Exception Rejected() => new Foreman.Alignment.AlignmentInputException("permanent");
    }

    internal sealed class UsesWorkerOptionsProbe { private Foreman.Worker.WorkerOptions? _options; }
}

namespace Foreman.Diagnostics.ArchitectureProbes
{
    internal sealed class KnowsTheQueueProbe { private Foreman.Queue.JobState _state; }
}
