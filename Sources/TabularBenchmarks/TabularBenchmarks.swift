/// Trained-accuracy tables of the NAS benchmarks: the expensive fitness a search
/// simulates. Each table answers, for an architecture, its accuracies, training time
/// and parameter count.
public enum TabularBenchmarksModule {}
