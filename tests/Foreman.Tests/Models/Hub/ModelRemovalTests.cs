using Foreman.Models;
using Foreman.Models.Hub;
using Foreman.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Foreman.Tests.Models.Hub;

public class ModelRemovalTests
{
    [Fact]
    public void Remove_IdleModel_DeletesItsFolder()
    {
        using var root = new TempDirectory();
        var (removal, catalog) = Create(root, default);

        var result = removal.Remove("b");

        Assert.Equal(RemoveOutcome.Removed, result.Outcome);
        Assert.Equal(["a"], catalog.Names());
        Assert.False(Directory.Exists(Path.Combine(catalog.Directory, ModelPuller.WorkFolder)));
    }

    [Fact]
    public void Remove_DefaultModel_Refused()
    {
        using var root = new TempDirectory();
        var (removal, catalog) = Create(root, default);

        var result = removal.Remove("a");

        Assert.Equal(RemoveOutcome.Refused, result.Outcome);
        Assert.Contains("default model", result.Message);
        Assert.True(catalog.Contains("a"));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    public void Remove_ModelWithJobs_Refused(long queued, long running)
    {
        using var root = new TempDirectory();
        var (removal, catalog) = Create(root, new ModelJobs(queued, running));

        var result = removal.Remove("b");

        Assert.Equal(RemoveOutcome.Refused, result.Outcome);
        Assert.Contains($"{queued} queued and {running} running", result.Message);
        Assert.True(catalog.Contains("b"));
    }

    [Theory]
    [InlineData("c", RemoveOutcome.NotFound)]
    [InlineData("../a", RemoveOutcome.InvalidName)]
    [InlineData("/tmp", RemoveOutcome.InvalidName)]
    public void Remove_UnknownOrInvalidName_TouchesNothing(string name, RemoveOutcome outcome)
    {
        using var root = new TempDirectory();
        var (removal, catalog) = Create(root, default);

        Assert.Equal(outcome, removal.Remove(name).Outcome);
        Assert.Equal(["a", "b"], catalog.Names());
    }

    private static (ModelRemoval, ModelCatalog) Create(TempDirectory root, ModelJobs jobs)
    {
        var catalog = new ModelCatalog(Options.Create(new ModelCatalogOptions { ModelsDir = TestModels.Create(root, "a", "b"), DefaultModel = "a" }));
        return (new ModelRemoval(catalog, new PullFixture.FixedUsage(jobs), NullLogger<ModelRemoval>.Instance), catalog);
    }
}
