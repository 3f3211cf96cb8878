// BabblePool: choosing clips over speakers and mixing them.
#include "core/data/BabblePool.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "core/audio/AudioReader.h"

namespace emo {

BabblePool::BabblePool(std::vector<BabbleClip> clips) : clips_(std::move(clips)) {}

Result<BabblePool> BabblePool::fromClips(const std::vector<Clip>& clips, int sampleRate, int maxClips, uint64_t seed) {
  std::map<std::string, std::vector<const Clip*>> bySpeaker;
  for (const Clip& c : clips) bySpeaker[c.speaker].push_back(&c);
  if (bySpeaker.size() < 2) return fail("babble needs clips of at least two speakers");
  std::mt19937_64 rng(seed);
  std::vector<std::vector<const Clip*>> queues;
  for (auto& [speaker, list] : bySpeaker) {
    std::shuffle(list.begin(), list.end(), rng);
    queues.push_back(list);
  }
  std::shuffle(queues.begin(), queues.end(), rng);
  std::vector<BabbleClip> chosen;
  std::string paths;
  ReadOptions ro;
  ro.targetRate = sampleRate;
  ro.maxSeconds = 10.0;
  for (size_t round = 0; static_cast<int>(chosen.size()) < maxClips; ++round) {
    bool any = false;
    for (const auto& q : queues) {
      if (round >= q.size() || static_cast<int>(chosen.size()) >= maxClips) continue;
      any = true;
      auto audio = readAudioMono(q[round]->path, ro);
      if (!audio) return fail("babble: " + audio.error());
      double power = 0;
      for (float v : audio->samples) power += static_cast<double>(v) * v;
      if (audio->samples.empty() || !(power > 0.0)) continue;  // a silent clip adds nothing
      const float scale = static_cast<float>(1.0 / std::sqrt(power / static_cast<double>(audio->samples.size())));
      for (float& v : audio->samples) v *= scale;
      chosen.push_back({q[round]->speaker, std::move(audio->samples)});
      paths += q[round]->path + '\n';
    }
    if (!any) break;
  }
  BabblePool pool(std::move(chosen));
  pool.fingerprint_ = std::hash<std::string>()(paths);
  return pool;
}

std::vector<float> BabblePool::make(size_t n, int talkers, const std::string& excludeSpeaker,
                                    std::mt19937_64& rng) const {
  std::map<std::string, std::vector<size_t>> bySpeaker;
  for (size_t i = 0; i < clips_.size(); ++i)
    if (clips_[i].speaker != excludeSpeaker) bySpeaker[clips_[i].speaker].push_back(i);
  if (bySpeaker.empty() || n == 0 || talkers < 1) return {};
  std::vector<const std::vector<size_t>*> speakers;
  for (const auto& item : bySpeaker) speakers.push_back(&item.second);
  std::shuffle(speakers.begin(), speakers.end(), rng);
  std::vector<float> out(n, 0.0f);
  for (int t = 0; t < talkers; ++t) {
    const auto& own = *speakers[static_cast<size_t>(t) % speakers.size()];
    const auto& clip = clips_[own[std::uniform_int_distribution<size_t>(0, own.size() - 1)(rng)]].samples;
    size_t pos = std::uniform_int_distribution<size_t>(0, clip.size() - 1)(rng);
    for (size_t i = 0; i < n; ++i, ++pos) out[i] += clip[pos % clip.size()];
  }
  return out;
}

}  // namespace emo
