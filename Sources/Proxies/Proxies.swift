import Networks

/// Zero-cost scorers: cheap estimates of how well an untrained network will train.
public enum ProxiesModule {}
