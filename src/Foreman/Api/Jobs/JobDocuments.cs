using System.ComponentModel;
using Foreman.Alignment;
using Foreman.Alignment.Formats;
using Foreman.Contracts;
using Foreman.Queue;
using Microsoft.AspNetCore.Http.HttpResults;
using Foreman.Inputs;

namespace Foreman.Api;

/// <summary>What the API says about a job: its description (with its place in the queue), and its result rendered in a format.</summary>
internal static class JobDocuments
{
    /// <summary>The finished job's document in <paramref name="format"/> (default: the one it was submitted with), or the problem why not.</summary>
    public static Results<ContentHttpResult, ProblemHttpResult> Render(JobRecord job, string? format)
    {
        var name = string.IsNullOrWhiteSpace(format) ? job.Format : format;
        if (!OutputFormats.TryParse(name, out var outputFormat))
            return Problems.BadRequest($"unknown format '{name}'; use one of {string.Join(", ", Enum.GetValues<OutputFormat>().Select(OutputFormats.Name))}", "unknown-format");
        if (job.JobState != JobState.Done)
        {
            var why = job.JobState switch
            {
                JobState.Failed => $"job {job.Id} failed: {job.LastError}",
                JobState.Cancelled => $"job {job.Id} was cancelled",
                _ => $"job {job.Id} is {job.State}; poll /api/v1/jobs/{job.Id} until it is done",
            };
            return Problems.Conflict(why, "not-done");
        }
        var result = AlignmentResultJson.Deserialize(job.ResultJson!);
        return TypedResults.Text(OutputFormats.Write(result, outputFormat), OutputFormats.ContentType(outputFormat));
    }

    public static JobResponse Describe(IJobStore store, JobRecord job, bool withEvents = false) =>
        job.ToResponse(job.JobState == JobState.Queued ? store.Position(job) : null, withEvents ? store.Events(job.Id) : null);
}
