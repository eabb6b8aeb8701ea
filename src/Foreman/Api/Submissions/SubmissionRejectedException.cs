using Microsoft.AspNetCore.Http.HttpResults;

namespace Foreman.Api;

/// <summary>Raised while reading or validating a submit; carries the problem response to send.</summary>
public sealed class SubmissionRejectedException(ProblemHttpResult problem) : Exception(problem.ProblemDetails.Detail)
{
    public ProblemHttpResult Problem { get; } = problem;
}
