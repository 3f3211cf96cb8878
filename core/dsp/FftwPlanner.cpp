#include "core/dsp/FftwPlanner.h"

namespace emo {

std::mutex& fftwPlannerMutex() {
  static std::mutex m;
  return m;
}

}  // namespace emo
