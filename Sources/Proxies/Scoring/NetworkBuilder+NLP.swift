import Networks
import SearchSpace

extension NetworkBuilder {
  /// The NB-NLP language model of `cell` over a `vocabulary`-word vocabulary (embedding
  /// 400, three layers of 600/600/400 units, tied decoder), in evaluation mode, with the
  /// benchmark's initialisation.
  ///
  /// Its networks are ``NLPNetwork``s: ``Layer/forward(_:in:)`` takes token ids `[T, B]`
  /// as scalars and returns logits `[T·B, vocabulary]`; scorers of the cell can cast to
  /// `NLPNetwork` and call ``NLPNetwork/recurrentOutput(tokens:sequenceLength:batchSize:in:)``
  /// with integer ids instead. Use the vocabulary of the corpus the scorer reads (the
  /// benchmark's: PTB 10,000 words, WikiText-2 33,278). A malformed cell gives a builder
  /// whose networks fail with the reason.
  public static func nlp(
    _ cell: NLPCell, vocabulary: Int, configuration: NLPNetworkConfiguration? = nil
  ) -> NetworkBuilder {
    var configuration = configuration ?? NLPNetworkConfiguration(vocabulary: vocabulary)
    configuration.vocabulary = vocabulary
    return NetworkBuilder(
      architecture: cell.recipe, outputCount: vocabulary, genotype: cell,
      float: { [configuration] rng throws(ProxyFailure) in
        do {
          return try NLPNetwork<Float>(cell: cell, configuration: configuration, using: &rng)
        } catch {
          throw ProxyFailure("\(error)")
        }
      },
      double: { [configuration] rng throws(ProxyFailure) in
        do {
          return try NLPNetwork<Double>(cell: cell, configuration: configuration, using: &rng)
        } catch {
          throw ProxyFailure("\(error)")
        }
      })
  }
}
