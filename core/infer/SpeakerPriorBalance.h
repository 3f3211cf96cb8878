#pragma once
// Speaker prior balancing: a label-free test-time correction over one speaker's clips. A model
// that leans to one class for a voice it never heard ("always sad on my voice") gives that class
// to most of the speaker's clips; dividing each clip's probabilities by the speaker's mean
// predicted distribution (to the power `strength`) and renormalising removes the lean (the prior
// shift correction of Saerens et al. 2002, one step, target prior uniform). It assumes the clips
// cover the speaker's emotions about evenly: true of an acted corpus and of a review folder of
// varied clips, not of a session spent in one mood. So it is scored beside the plain prediction
// (evaluate, cv), never applied silently. Pure; any thread.
#include <vector>

namespace emo {

/// `probs`: one row per clip of one speaker, each over the model's classes. `classes`: the class
/// indices to balance over (a corpus's own labels; empty: all), each row first restricted to them
/// and renormalised; other classes come out 0. strength 0 only restricts; 1 divides by the whole
/// mean. Returns rows of the same shape, each summing to 1 over `classes`.
std::vector<std::vector<float>> balanceSpeakerPrior(const std::vector<std::vector<float>>& probs,
                                                    std::vector<int> classes = {}, double strength = 1.0);

}  // namespace emo
