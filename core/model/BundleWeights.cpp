// Weight files of model bundles and checkpoints: a flat torch archive of named tensors.
#include <fstream>
#include <sstream>
#include <set>

#include "core/common/AtomicFile.h"
#include "core/model/BundleImpl.h"

namespace emo {
namespace {
std::string archiveKey(std::string name) {
  std::string out;
  for (char c : name) {
    if (c == '.') out += "__";
    else out += c;
  }
  return out;
}
}  // namespace

Status writeTorchFile(const std::string& path, const std::function<void(std::ostream&)>& serialise) {
  std::ostringstream bytes;
  try {
    serialise(bytes);
  } catch (const std::exception& e) {
    return fail("cannot serialise " + path + ": " + e.what());
  }
  if (!bytes) return fail("cannot serialise " + path);
  return writeFileAtomically(path, bytes.str());
}

Status saveWeights(const torch::nn::Module& net, const std::string& path) {
  return writeTorchFile(path, [&](std::ostream& out) {
    torch::serialize::OutputArchive ar;
    // CPU tensors always, so weights trained or loaded on a GPU load on any machine.
    for (const auto& p : net.named_parameters(true)) ar.write(archiveKey(p.key()), p.value().to(torch::kCPU));
    for (const auto& b : net.named_buffers(true)) ar.write(archiveKey(b.key()), b.value().to(torch::kCPU), true);
    ar.save_to(out);
  });
}

Status loadWeights(torch::nn::Module& net, const std::string& path) {
  try {
    torch::serialize::InputArchive ar;
    ar.load_from(path, torch::Device(torch::kCPU));
    std::set<std::string> expected;
    torch::NoGradGuard guard;
    auto readInto = [&](const std::string& name, torch::Tensor& target, bool buffer) -> Status {
      const std::string key = archiveKey(name);
      expected.insert(key);
      torch::Tensor t;
      if (!ar.try_read(key, t, buffer))
        return fail("weights " + path + " lack '" + name + "' (a different architecture?)");
      if (t.sizes() != target.sizes()) {
        std::ostringstream os;
        os << "weights " << path << ": '" << name << "' has shape " << t.sizes() << ", the architecture needs "
           << target.sizes();
        return fail(os.str());
      }
      target.copy_(t);
      return success();
    };
    for (auto& p : net.named_parameters(true))
      if (auto ok = readInto(p.key(), p.value(), false); !ok) return ok;
    for (auto& b : net.named_buffers(true))
      if (auto ok = readInto(b.key(), b.value(), true); !ok) return ok;
    for (const auto& k : ar.keys())
      if (!expected.count(k)) return fail("weights " + path + " hold an unexpected tensor '" + k + "' (a different architecture?)");
  } catch (const std::exception& e) {
    std::string what = e.what();
    if (const auto nl = what.find('\n'); nl != std::string::npos) what = what.substr(0, nl);
    return fail("cannot read weights " + path + " (truncated or not a weights file): " + what);
  }
  return success();
}

Result<std::pair<unsigned long long, long long>> hashWeightsFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("cannot open " + path);
  unsigned long long h = 1469598103934665603ull;
  long long n = 0;
  char buf[1 << 16];
  while (in) {
    in.read(buf, sizeof buf);
    const auto got = in.gcount();
    for (std::streamsize i = 0; i < got; ++i) {
      h ^= static_cast<unsigned char>(buf[i]);
      h *= 1099511628211ull;
    }
    n += got;
  }
  return std::make_pair(h, n);
}

}  // namespace emo
