using Foreman.Bench;

namespace Foreman.Tests.Bench;

public sealed class RocAucTests
{
    [Fact]
    public void Perfect_separation_is_one_and_reversed_is_zero()
    {
        Assert.Equal(1.0, RocAuc.Of([0.9, 0.8], [0.1, 0.2, 0.3]));
        Assert.Equal(0.0, RocAuc.Of([0.1], [0.5, 0.9]));
    }

    [Fact]
    public void Ties_count_half_and_mixed_ranks_count_pairs()
    {
        Assert.Equal(0.5, RocAuc.Of([0.5], [0.5]));
        // Pairs (0.9 > 0.4, 0.9 > 0.6, 0.5 > 0.4, 0.5 < 0.6): 3 of 4.
        Assert.Equal(0.75, RocAuc.Of([0.9, 0.5], [0.4, 0.6]));
    }

    [Fact]
    public void Without_both_classes_it_is_undefined() => Assert.True(double.IsNaN(RocAuc.Of([0.5], [])));
}
