#pragma once
// Internal to core/model and core/train (includes torch): a corpus-adversarial branch (Ganin &
// Lempitsky 2015, domain-adversarial training). A small classifier predicts each clip's corpus
// (or language) from the network's pooled embedding through a gradient reversal layer: the head
// learns to tell corpora apart while the reversed gradient pushes the encoder towards an
// embedding in which it cannot, i.e. one without the studio / language cues. Used in training
// only; the head is not part of the saved network. An ensemble (NetEnsemble.cpp) stacks its
// members' embeddings along the batch; each member then has a head of its own, so each is
// trained exactly as a single network would be. One thread at a time (training).
#include <torch/torch.h>

namespace emo {

/// Identity in the forward pass; multiplies the gradient by -lambda in the backward pass.
torch::Tensor gradientReversal(const torch::Tensor& x, double lambda);

/// The ramp of Ganin et al.: lambda(progress) = scale * (2 / (1 + exp(-10 progress)) - 1), for
/// progress = fraction of training done in [0, 1] (0 at the start, ~scale at the end).
double adversaryRamp(double progress, double scale);

struct CorpusAdversaryImpl : torch::nn::Module {
  /// embeddingDim: EmoNetImpl::embeddingDim() of the network; numCorpora >= 2; members: the
  /// ensemble's member count (one head each).
  CorpusAdversaryImpl(int embeddingDim, int numCorpora, int hidden = 64, int members = 1);
  /// Corpus logits [M B, numCorpora] from embeddings [M B, embeddingDim] (member m's clips in
  /// rows m B .. (m + 1) B - 1), through gradientReversal.
  torch::Tensor forward(const torch::Tensor& embedding, double lambda);
  std::vector<torch::nn::Linear> hiddenLayer, out;  ///< one per member
};
TORCH_MODULE(CorpusAdversary);

}  // namespace emo
