using System.CommandLine;
using Foreman.Cli;

namespace Foreman.Hosting;

/// <summary>The command tree of the <c>foreman</c> executable.</summary>
public static class ForemanCommands
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Foreman: a durable job-queue server for forced alignment of audio with its lyrics or transcript.");
        root.Subcommands.Add(ServeCommand.Build());
        root.Subcommands.Add(AlignCommand.Build());
        root.Subcommands.Add(ModelsCommand.Build());
        root.Subcommands.Add(TextCommand.Build());
        foreach (var client in Cli.Client.ClientCommands.Build()) root.Subcommands.Add(client); // submit, status, result, jobs
        return root;
    }
}
