#pragma once
// TrainParams: every knob of a training run, as a plain JSON-serialisable value (saved in the
// bundle's model.json as "hyperparameters"). Any thread.
#include <cstdint>
#include <string>

#include "core/common/Result.h"

namespace emo {

struct TrainParams {
  int epochs = 40;                  ///< maximum epochs
  int batchSize = 32;               ///< clips per step
  float lr = 2e-3f;                 ///< initial learning rate
  float weightDecay = 1e-2f;        ///< AdamW decoupled weight decay (Adam: L2 penalty)
  std::string optimizer = "adamw";  ///< "adamw" or "adam"
  float gradClip = 5.0f;            ///< max global gradient norm (0 = off)
  std::string loss = "weighted";    ///< "ce", "weighted" (inverse class frequency) or "focal"
  float focalGamma = 2.0f;          ///< focal loss gamma (loss "focal"; class weights applied too)
  float labelSmoothing = 0.05f;     ///< label smoothing for "ce"/"weighted"
  bool oversample = false;          ///< draw clips with probability ~ 1/class count (= sampling "class")
  std::string sampling = "shuffle"; ///< each epoch's clips: "shuffle" (every clip once), "class" (oversample
                                    ///< rare classes) or "corpus" (corpora in fixed shares, see corpusAlpha)
  std::string labelMask = "corpus"; ///< "corpus": each clip's softmax over its corpus's classes, class weights per
                                    ///< corpus; "none": over all classes with pooled class weights (the loss
                                    ///< before cross-corpus training; the baseline rows of docs/RESULTS.md)
  float corpusAlpha = 0.0f;         ///< sampling "corpus": corpus c drawn with probability ~ clips_c^alpha
                                    ///< (0 = equal shares, 1 = as many as it has clips)
  bool bucketByLength = false;      ///< batches of clips of similar length with one crop length per batch
                                    ///< (EpochSampler), so padded frames cost (almost) nothing
  int patience = 10;                ///< early stopping: epochs without a better validation UA (0 = off)
  std::string keep = "best";        ///< weights kept: "best" (highest validation UA) or "last" (the final
                                    ///< epoch: a fixed cosine budget; validation then only calibrates)
  std::string calibrationWeighting = "corpus"; ///< temperature and "uncertain" threshold fitted with each
                                    ///< validation corpus weighing the same ("corpus") or every clip alike ("clip")
  int lrPatience = 4;               ///< ReduceLROnPlateau: epochs without improvement before lr *= lrFactor
  float lrFactor = 0.5f;            ///< ReduceLROnPlateau factor
  float minLr = 1e-5f;              ///< lr floor
  std::string lrSchedule = "plateau"; ///< "plateau" (ReduceLROnPlateau on validation UA) or "cosine"
                                      ///< (lr -> minLr along a half cosine over all epochs, per step)
  float mixup = 0.0f;               ///< mixup Beta(alpha, alpha) of pairs of training crops (0 = off)
  float validationFraction = 0.15f; ///< speaker-grouped share of training speakers held out for early stopping
  int cropMinFrames = 200;          ///< training crops: random windows of cropMin..cropMax frames (2-3 s);
                                    ///< down to 50 (0.5 s) for short utterances; shorter clips are padded
  int cropMaxFrames = 300;          ///< longest training crop
  int evalMaxFrames = 1000;         ///< evaluation: longer clips are centre-cropped to this
  bool specAugment = false;         ///< SpecAugment masks on training crops
  float ownStatsShare = 0.0f;       ///< speaker normalisation only: share of training crops normalised by
                                    ///< their own statistics (as a clip is before its speaker's exist: the
                                    ///< first seconds of Live, one clip in predict) instead of their speaker's
  float corpusAdversary = 0.0f;     ///< corpus-adversarial branch (CorpusAdversary.h): the reversed gradient's
                                    ///< weight into the encoder, ramped 0 -> this over training (0 = off)
  float distillWeight = 0.0f;       ///< A of A * T^2 * KL(teacher_T || student_T) + (1 - A) * loss (0 = no
                                    ///< distillation; > 0 needs a teacher bundle, see Trainer::train)
  float distillTemperature = 2.0f;  ///< T of the distillation term
  std::string teacher;              ///< the teacher bundle's folder name, for the record ("" = none)
  uint64_t seed = 42;               ///< all randomness (init, shuffles, crops, dropout)
  int threads = 1;                  ///< torch intra-op threads (0 = all cores). One by default: these
                                    ///< small networks train 2-2.4x faster on one thread than on two
                                    ///< (docs/RESULTS.md, "Threads"); run folds or runs side by side
                                    ///< to use more cores
  std::string device = "auto";      ///< "auto" (CUDA when the build and machine have it), "cpu", "cuda", "cuda:N"
  std::string checkpointDir;        ///< checkpoint folder ("" = none); written after every epoch
  bool resume = false;              ///< continue from checkpointDir if it holds a checkpoint

  std::string toJson() const;
  /// Missing keys keep defaults; unknown keys and wrong types are errors.
  static Result<TrainParams> fromJson(const std::string& json);
  Status validate() const;
};

}  // namespace emo
