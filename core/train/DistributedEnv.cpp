#include "core/train/DistributedEnv.h"

#include <cstdlib>

namespace emo {

namespace {

Result<int> intVar(const char* name, const char* value, int minimum, int maximum) {
  const std::string text = value ? value : "";
  size_t used = 0;
  long v = 0;
  try {
    v = std::stol(text, &used);
  } catch (...) {
    used = 0;
  }
  if (text.empty() || used != text.size() || v < minimum || v > maximum)
    return fail(std::string(name) + "='" + text + "' is not a whole number in [" + std::to_string(minimum) + ", " +
                std::to_string(maximum) + "]");
  return static_cast<int>(v);
}

// Splits at commas outside brackets.
std::vector<std::string> splitTopLevel(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  int depth = 0;
  for (char c : s) {
    if (c == '[') ++depth;
    if (c == ']') --depth;
    if (c == ',' && depth == 0) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

bool allDigits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// "01-04,07" -> {"01","02","03","04","07"}
Result<std::vector<std::string>> expandRanges(const std::string& body, const std::string& whole) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= body.size()) {
    const size_t comma = body.find(',', start);
    const std::string item = body.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const size_t dash = item.find('-');
    const std::string lo = item.substr(0, dash), hi = dash == std::string::npos ? lo : item.substr(dash + 1);
    if (!allDigits(lo) || !allDigits(hi) || lo.size() > 9 || hi.size() > 9)
      return fail("Slurm host list '" + whole + "': bad range '" + item + "'");
    const long a = std::stol(lo), b = std::stol(hi);
    if (b < a || b - a > 100000) return fail("Slurm host list '" + whole + "': bad range '" + item + "'");
    const size_t width = lo.size();
    for (long v = a; v <= b; ++v) {
      std::string n = std::to_string(v);
      if (n.size() < width) n.insert(0, width - n.size(), '0');
      out.push_back(n);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

Result<std::vector<std::string>> expandSlurmHostList(const std::string& list) {
  if (list.empty()) return fail("Slurm host list is empty");
  std::vector<std::string> hosts;
  for (const std::string& item : splitTopLevel(list)) {
    if (item.empty()) return fail("Slurm host list '" + list + "': empty name");
    std::vector<std::string> names{""};
    size_t pos = 0;
    while (pos < item.size()) {
      const size_t open = item.find('[', pos);
      const std::string literal = item.substr(pos, open == std::string::npos ? std::string::npos : open - pos);
      if (literal.find(']') != std::string::npos) return fail("Slurm host list '" + list + "': unmatched ']'");
      for (auto& n : names) n += literal;
      if (open == std::string::npos) break;
      const size_t close = item.find(']', open);
      if (close == std::string::npos) return fail("Slurm host list '" + list + "': unmatched '['");
      auto parts = expandRanges(item.substr(open + 1, close - open - 1), list);
      if (!parts) return Error{parts.error()};
      std::vector<std::string> next;
      for (const auto& n : names)
        for (const auto& p : parts.value()) next.push_back(n + p);
      names.swap(next);
      pos = close + 1;
    }
    hosts.insert(hosts.end(), names.begin(), names.end());
  }
  return hosts;
}

Result<DistributedEnv> DistributedEnv::fromEnvironment(const std::function<const char*(const char*)>& lookupIn) {
  std::function<const char*(const char*)> lookup = lookupIn;
  if (!lookup) lookup = [](const char* n) -> const char* { return std::getenv(n); };
  auto has = [&](const char* n) {
    const char* v = lookup(n);
    return v && *v;
  };
  DistributedEnv env;
  const char* worldVar = nullptr;
  const char* rankVar = nullptr;
  const char* localVar = nullptr;
  if (has("WORLD_SIZE") || has("RANK")) {
    env.launcher = "torchrun";
    worldVar = "WORLD_SIZE";
    rankVar = "RANK";
    localVar = "LOCAL_RANK";
    if (!has("MASTER_ADDR")) return fail("distributed training: RANK/WORLD_SIZE are set but MASTER_ADDR is not");
  } else if (has("SLURM_PROCID") || has("SLURM_NTASKS")) {
    env.launcher = "slurm";
    worldVar = "SLURM_NTASKS";
    rankVar = "SLURM_PROCID";
    localVar = "SLURM_LOCALID";
  } else {
    return fail("distributed training needs WORLD_SIZE, RANK, MASTER_ADDR and MASTER_PORT (as torchrun sets them) "
                "or SLURM_PROCID, SLURM_NTASKS and SLURM_JOB_NODELIST (as srun sets them)");
  }
  auto world = intVar(worldVar, lookup(worldVar), 1, 1 << 20);
  if (!world) return fail("distributed training: " + world.error());
  auto rank = intVar(rankVar, lookup(rankVar), 0, world.value() - 1);
  if (!rank) return fail("distributed training: " + rank.error() + " (it must be below " + worldVar + ")");
  env.worldSize = world.value();
  env.rank = rank.value();
  if (has(localVar)) {
    auto local = intVar(localVar, lookup(localVar), 0, 1 << 16);
    if (!local) return fail("distributed training: " + local.error());
    env.localRank = local.value();
  }
  if (has("MASTER_ADDR")) {
    env.masterAddr = lookup("MASTER_ADDR");
  } else {
    const char* list = has("SLURM_JOB_NODELIST") ? lookup("SLURM_JOB_NODELIST") : has("SLURM_NODELIST") ? lookup("SLURM_NODELIST") : nullptr;
    if (!list) return fail("distributed training under Slurm: neither MASTER_ADDR nor SLURM_JOB_NODELIST is set");
    auto hosts = expandSlurmHostList(list);
    if (!hosts) return fail("distributed training: SLURM_JOB_NODELIST: " + hosts.error());
    env.masterAddr = hosts->front();
  }
  if (has("MASTER_PORT")) {
    auto port = intVar("MASTER_PORT", lookup("MASTER_PORT"), 1, 65535);
    if (!port) return fail("distributed training: " + port.error());
    env.masterPort = port.value();
  }
  return env;
}

std::string DistributedEnv::describe() const {
  return "rank " + std::to_string(rank) + " of " + std::to_string(worldSize) + " (" + launcher + "), rendezvous " +
         masterAddr + ":" + std::to_string(masterPort);
}

}  // namespace emo
