// DistributedEnv: the launchers' variables (torchrun, Slurm's srun) read into rank, world size
// and rendezvous address, with clear errors for missing or inconsistent ones; Slurm host lists
// (node[01-04,07], several bracket groups, plain names) expanded.
#include <QtTest>

#include <map>

#include "core/train/DistributedEnv.h"

using namespace emo;

namespace {

Result<DistributedEnv> envOf(const std::map<std::string, std::string>& vars) {
  return DistributedEnv::fromEnvironment([&vars](const char* name) -> const char* {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  });
}

QStringList hosts(const std::string& list) {
  QStringList out;
  auto r = expandSlurmHostList(list);
  if (!r) return {QString::fromStdString("ERROR " + r.error())};
  for (const auto& h : r.value()) out << QString::fromStdString(h);
  return out;
}

}  // namespace

class TestDistributedEnv : public QObject {
  Q_OBJECT
 private slots:
  void torchrun() {
    auto e = envOf({{"MASTER_ADDR", "10.1.2.3"}, {"MASTER_PORT", "29611"}, {"WORLD_SIZE", "4"}, {"RANK", "3"},
                    {"LOCAL_RANK", "1"}, {"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "9"}});
    QVERIFY2(e, e ? "" : e.error().c_str());
    QCOMPARE(e->launcher, std::string("torchrun"));  // torchrun's variables win over Slurm's
    QCOMPARE(e->masterAddr, std::string("10.1.2.3"));
    QCOMPARE(e->masterPort, 29611);
    QCOMPARE(e->worldSize, 4);
    QCOMPARE(e->rank, 3);
    QCOMPARE(e->localRank, 1);
    QCOMPARE(QString::fromStdString(e->describe()), QString("rank 3 of 4 (torchrun), rendezvous 10.1.2.3:29611"));
    auto noPort = envOf({{"MASTER_ADDR", "h"}, {"WORLD_SIZE", "2"}, {"RANK", "0"}});
    QVERIFY(noPort);
    QCOMPARE(noPort->masterPort, DistributedEnv::kDefaultPort);
  }

  void slurm() {
    auto e = envOf({{"SLURM_PROCID", "5"}, {"SLURM_NTASKS", "8"}, {"SLURM_LOCALID", "1"},
                    {"SLURM_JOB_NODELIST", "gpu-a[07-08,10],login"}, {"MASTER_PORT", "29700"}});
    QVERIFY2(e, e ? "" : e.error().c_str());
    QCOMPARE(e->launcher, std::string("slurm"));
    QCOMPARE(e->masterAddr, std::string("gpu-a07"));  // the first host of the job
    QCOMPARE(e->rank, 5);
    QCOMPARE(e->worldSize, 8);
    QCOMPARE(e->localRank, 1);
    QCOMPARE(e->masterPort, 29700);
    auto addr = envOf({{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "2"}, {"SLURM_JOB_NODELIST", "n[1-2]"}, {"MASTER_ADDR", "head"}});
    QVERIFY(addr);
    QCOMPARE(addr->masterAddr, std::string("head"));
  }

  void refusesBadEnvironments() {
    struct Case {
      std::map<std::string, std::string> vars;
      const char* says;
    };
    const std::vector<Case> cases{
        {{}, "torchrun"},
        {{{"WORLD_SIZE", "2"}, {"RANK", "0"}}, "MASTER_ADDR is not"},
        {{{"MASTER_ADDR", "h"}, {"WORLD_SIZE", "2"}, {"RANK", "2"}}, "RANK='2'"},
        {{{"MASTER_ADDR", "h"}, {"WORLD_SIZE", "two"}, {"RANK", "0"}}, "WORLD_SIZE='two'"},
        {{{"MASTER_ADDR", "h"}, {"WORLD_SIZE", "2"}, {"RANK", "0"}, {"MASTER_PORT", "70000"}}, "MASTER_PORT='70000'"},
        {{{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "2"}}, "SLURM_JOB_NODELIST"},
        {{{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "2"}, {"SLURM_JOB_NODELIST", "n[1-"}}, "unmatched '['"},
    };
    for (const Case& c : cases) {
      auto e = envOf(c.vars);
      QVERIFY2(!e, c.says);
      QVERIFY2(QString::fromStdString(e.error()).contains(c.says), e.error().c_str());
    }
  }

  void slurmHostLists() {
    QCOMPARE(hosts("node[01-04,07]"), QStringList({"node01", "node02", "node03", "node04", "node07"}));
    QCOMPARE(hosts("login"), QStringList({"login"}));
    QCOMPARE(hosts("a[1-2],b,c[009-011]"), QStringList({"a1", "a2", "b", "c009", "c010", "c011"}));
    QCOMPARE(hosts("rack[1-2]-n[1,3]"), QStringList({"rack1-n1", "rack1-n3", "rack2-n1", "rack2-n3"}));
    QCOMPARE(hosts("gpu[8-10]x"), QStringList({"gpu8x", "gpu9x", "gpu10x"}));
    for (const char* bad : {"", "n[4-2]", "n[a-b]", "n[1-", "n]1[", "a,,b"})
      QVERIFY2(hosts(bad).value(0).startsWith("ERROR"), bad);
  }
};

QTEST_GUILESS_MAIN(TestDistributedEnv)
#include "tst_distributedenv.moc"
