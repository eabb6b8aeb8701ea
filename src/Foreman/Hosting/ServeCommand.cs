using System.CommandLine;

namespace Foreman.Hosting;

/// <summary><c>foreman serve [--urls ...] [--Foreman:DataDir=...]</c>: runs the HTTP API and the inference worker.</summary>
internal static class ServeCommand
{
    public static Command Build()
    {
        var command = new Command("serve", "Run the HTTP server and the inference worker. Other arguments go to ASP.NET Core configuration (e.g. --urls http://0.0.0.0:8080).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var app = ServerApp.Build(parseResult.UnmatchedTokens.ToArray());
            await app.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
