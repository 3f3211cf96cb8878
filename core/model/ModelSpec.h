#pragma once
// ModelSpec: the architecture of a network, by model type name plus sizes. Saved as
// "architecture" in model.json; the same spec always builds the same parameter shapes.
// A plain value; any thread.
//
// Model types (all take frames x inputDim of any length, with masking/pooling):
//   stats_conv1d : masked utterance statistics (mean, std, min, max of every column) -> Conv1D
//                  over the statistics vector (the seeds' design)
//   cnn_lstm     : Conv1D blocks over time -> bidirectional LSTM (packed) -> last states
//   tim_net      : TIM-Net style: bidirectional dilated causal TCN, multi-scale pooling, learned
//                  scale weights
//   transformer  : strided Conv1D front end -> small transformer encoder (key padding mask) ->
//                  masked mean pooling
//   crnn_attn    : (own design) strided Conv1D blocks with BatchNorm -> BiGRU (packed) ->
//                  masked attention pooling; meant for per-utterance/speaker-normalised log-mel
//   ecapa        : ECAPA-TDNN style: SE-Res2Net blocks (dilations 2, 3, 4, ...; Res2 scale =
//                  heads), multi-layer feature aggregation, masked attentive statistics pooling
// Any type may be an ensemble ("members" > 1): that many independently initialised copies,
// trained side by side on the same batches, whose class probabilities are averaged.
#include <string>
#include <vector>

#include "core/common/Result.h"

namespace emo {

struct ModelSpec {
  std::string type = "crnn_attn";  ///< one of modelTypeNames()
  int inputDim = 64;               ///< input columns per frame
  int numClasses = 8;              ///< output classes
  int channels = 96;               ///< conv channels
  int hidden = 64;                 ///< recurrent hidden size / transformer width
  int layers = 2;                  ///< conv blocks (stats_conv1d, cnn_lstm), encoder layers (transformer),
                                   ///< TCN blocks (tim_net: dilations 1..2^(layers-1))
  int heads = 4;                   ///< attention heads (transformer); Res2 scale (ecapa)
  float dropout = 0.3f;            ///< dropout before the classifier (and inside, where used)
  int members = 1;                 ///< ensemble members (1 = a single network); at most kMaxMembers
  static constexpr int kMaxMembers = 16;

  std::string toJson() const;
  static Result<ModelSpec> fromJson(const std::string& json);
  /// Checks the type name and positive sizes.
  Status validate() const;
  /// Sensible defaults for a type (channels/hidden/layers), keeping inputDim/numClasses.
  static Result<ModelSpec> defaults(const std::string& type, int inputDim, int numClasses);
};

/// "stats_conv1d", "cnn_lstm", "tim_net", "transformer", "crnn_attn", "ecapa".
const std::vector<std::string>& modelTypeNames();

}  // namespace emo
