import Proxies
import TabularBenchmarks

/// Search strategies, evaluators, budgets and run records.
public enum SearchModule {}
