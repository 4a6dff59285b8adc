#include "clirun.h"
#include "demo/demogenerator.h"
#include "encord/ssh/sshkey.h"
#include "fakeencordserver.h"
#include "testsupport.h"

#include <nlohmann/json.hpp>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace lb;
using lb::test::isCleanFailure;
using lb::test::runCli;
using json = nlohmann::json;

namespace {

const QString kSource = DemoGenerator::preLabelsBranch();
const QString kTarget = QStringLiteral("main");
const QString kReviewer = QStringLiteral("rita@example.com");

using Run = test::CliRun;

bool copyProject(const QString &from, const QString &to)
{
    QFile::remove(to);
    QFile::remove(to + QStringLiteral("-wal"));
    if (!QFile::copy(from, to))
        return false;
    if (QFileInfo::exists(from + QStringLiteral("-wal")))
        return QFile::copy(from + QStringLiteral("-wal"), to + QStringLiteral("-wal"));
    return true;
}

// The fake Encord server answers on its own thread; the test thread keeps its event loop running meanwhile.
Run runCliWithEventLoop(const QStringList &args, const QProcessEnvironment &env)
{
    QProcess process;
    process.setProcessEnvironment(env);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(LB_CLI_PATH), args);
    process.closeWriteChannel();
    Run run;
    if (!finished.wait(120000)) {
        process.kill();
        process.waitForFinished(10000);
        return run;
    }
    run.crashed = process.exitStatus() != QProcess::NormalExit;
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QString str(const json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace

class TestCliReview : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_demo; // never written to after creation: tests copy it first
    int m_differences = 0;
    QStringList m_approve;  // differing units the tests approve (each has a source row)
    QStringList m_reject;   // differing units the tests reject
    QString m_identical;    // a data unit equal on both branches
    QString m_onlyInTarget; // a data unit without a row on the source

    QString freshCopy(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        if (!copyProject(m_demo, path))
            qWarning("cannot copy the demo project");
        return path;
    }

    static QStringList on(const QString &project, QStringList args)
    {
        args.prepend(project);
        args.prepend(QStringLiteral("--project"));
        return args;
    }

    static QStringList review(const QString &project, const QString &action, QStringList more = {})
    {
        QStringList args = {QStringLiteral("review"),   action, QStringLiteral("--source"), kSource,
                            QStringLiteral("--target"), kTarget};
        args.append(more);
        return on(project, args);
    }

    static QStringList withHashes(const QStringList &hashes, QStringList more = {})
    {
        for (const QString &hash : hashes)
            more << QStringLiteral("--data-hash") << hash;
        return more;
    }

    static QHash<QString, QString> contentHashes(const QString &project, const QString &branch)
    {
        const Run run = runCli(on(
            project, {QStringLiteral("rows"), QStringLiteral("--branch"), branch, QStringLiteral("--json")}));
        QHash<QString, QString> out;
        if (run.exitCode != 0) {
            qWarning("rows failed: %s", run.err.constData());
            return out;
        }
        for (const json &row : run.parsed())
            out.insert(str(row.at("data_hash")), str(row.at("content_hash")));
        return out;
    }

    // Decides the approvals and rejections of the fixture on `project` as kReviewer.
    bool decideFixture(const QString &project)
    {
        const Run approved =
            runCli(review(project, QStringLiteral("approve"),
                          withHashes(m_approve, {QStringLiteral("--comment"), QStringLiteral("looks right"),
                                                 QStringLiteral("--reviewer"), kReviewer})));
        const Run rejected = runCli(review(project, QStringLiteral("reject"),
                                           withHashes(m_reject, {QStringLiteral("--reviewer"), kReviewer})));
        if (approved.exitCode != 0 || rejected.exitCode != 0) {
            qWarning("deciding failed: %s %s", approved.err.constData(), rejected.err.constData());
            return false;
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo::exists(QStringLiteral(LB_CLI_PATH)), LB_CLI_PATH);
        m_demo = m_dir.filePath(QStringLiteral("demo.lbproj"));
        // Main's object hashes on pre-labels-v1, so that some data units are identical on both branches.
        const Run demo =
            runCli({QStringLiteral("demo"), QStringLiteral("--out"), m_demo, QStringLiteral("--size"),
                    QStringLiteral("small"), QStringLiteral("--shared-object-hashes")});
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.errText()));

        const Run diff =
            runCli(on(m_demo, {QStringLiteral("diff"), kSource, kTarget, QStringLiteral("--json")}));
        QVERIFY2(diff.exitCode == 0, qPrintable(diff.errText()));
        const json parsed = diff.parsed();
        m_differences = parsed.at("summary").at("differences").get<int>();
        for (const json &entry : parsed.at("entries")) {
            const QString status = str(entry.at("status"));
            const QString hash = str(entry.at("data_hash"));
            if (status == QLatin1String("identical") && m_identical.isEmpty())
                m_identical = hash;
            else if (status == QLatin1String("only-in-target") && m_onlyInTarget.isEmpty())
                m_onlyInTarget = hash;
            else if (status != QLatin1String("identical") &&
                     status != QLatin1String("uninitialised-on-both") &&
                     status != QLatin1String("only-in-target")) {
                if (m_approve.size() < 4)
                    m_approve.append(hash);
                else if (m_reject.size() < 3)
                    m_reject.append(hash);
            }
        }
        QVERIFY(m_differences > 10);
        QCOMPARE(m_approve.size(), 4);
        QCOMPARE(m_reject.size(), 3);
        QVERIFY(!m_identical.isEmpty());
    }

    void helpListsReview()
    {
        const Run run = runCli({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("  review "));
        const Run help = runCli({QStringLiteral("review"), QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.startsWith("Usage: labelbranch-cli review"));
        for (const char *word :
             {"list", "approve", "reject", "apply", "clear", "--source", "--target", "--data-hash",
              "--comment", "--dry-run", "--batch-size", "--reviewer", "--json"})
            QVERIFY2(help.out.contains(word), word);
    }

    void listShowsEveryDifferenceUndecided()
    {
        const Run run = runCli(review(m_demo, QStringLiteral("list"), {QStringLiteral("--json")}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        const json listing = run.parsed();
        QCOMPARE(str(listing.at("source_branch")), kSource);
        QCOMPARE(str(listing.at("target_branch")), kTarget);
        const json &progress = listing.at("progress");
        QCOMPARE(progress.at("total").get<int>(), m_differences);
        QCOMPARE(progress.at("decided").get<int>(), 0);
        QCOMPARE(progress.at("undecided").get<int>(), m_differences);
        QCOMPARE(str(progress.at("text")), QStringLiteral("0 of %1 decided").arg(m_differences));
        QCOMPARE(int(listing.at("items").size()), m_differences);
        for (const json &item : listing.at("items")) {
            for (const char *key :
                 {"data_hash", "data_title", "diff_status", "three_way", "decision", "comment", "reviewer",
                  "decided_at", "stale", "source_count", "target_count"})
                QVERIFY2(item.contains(key), key);
            QVERIFY(item.at("decision").is_null());
            QVERIFY(!item.at("stale").get<bool>());
            QVERIFY(str(item.at("diff_status")) != QLatin1String("identical"));
            // The demo branches were written, not copied by labelbranch.
            QCOMPARE(str(item.at("three_way")), QStringLiteral("not-copied"));
        }

        const Run text = runCli(review(m_demo, QStringLiteral("list")));
        QCOMPARE(text.exitCode, 0);
        const QList<QByteArray> lines = text.out.trimmed().split('\n');
        QVERIFY(lines.at(0).contains(QStringLiteral("0 of %1 decided").arg(m_differences).toUtf8()));
        QVERIFY(lines.at(1).startsWith("TITLE"));
        QCOMPARE(lines.size(), m_differences + 2);
    }

    void approveAndRejectPersist()
    {
        const QString project = freshCopy(QStringLiteral("decide.lbproj"));
        const Run approved = runCli(review(
            project, QStringLiteral("approve"),
            withHashes(m_approve, {QStringLiteral("--comment"), QStringLiteral("looks right"),
                                   QStringLiteral("--reviewer"), kReviewer, QStringLiteral("--json")})));
        QVERIFY2(approved.exitCode == 0, qPrintable(approved.errText()));
        const json out = approved.parsed();
        QCOMPARE(str(out.at("decision")), QStringLiteral("approved"));
        QCOMPARE(int(out.at("decisions").size()), m_approve.size());
        for (const json &d : out.at("decisions")) {
            QVERIFY(m_approve.contains(str(d.at("data_hash"))));
            QVERIFY(!str(d.at("data_title")).isEmpty());
            QCOMPARE(str(d.at("comment")), QStringLiteral("looks right"));
            QCOMPARE(str(d.at("reviewer")), kReviewer);
            QVERIFY(str(d.at("decided_at")).endsWith(QLatin1Char('Z')));
        }
        QCOMPARE(str(out.at("progress").at("text")),
                 QStringLiteral("%1 of %2 decided").arg(m_approve.size()).arg(m_differences));

        // The reviewer may also come from the environment; text output names the decision and the progress.
        QProcessEnvironment env = test::cleanCliEnvironment();
        env.insert(QStringLiteral("LABELBRANCH_REVIEWER"), QStringLiteral("env-reviewer"));
        const Run rejected = runCli(review(project, QStringLiteral("reject"), withHashes(m_reject)), env);
        QVERIFY2(rejected.exitCode == 0, qPrintable(rejected.errText()));
        QVERIFY(rejected.out.startsWith("rejected 3 data units of "));
        QVERIFY(rejected.out.contains("env-reviewer"));
        QVERIFY(rejected.out.contains(QStringLiteral("%1 of %2 decided")
                                          .arg(m_approve.size() + m_reject.size())
                                          .arg(m_differences)
                                          .toUtf8()));

        // A new process reads the same decisions back.
        const Run listed = runCli(review(project, QStringLiteral("list"), {QStringLiteral("--json")}));
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.errText()));
        const json listing = listed.parsed();
        QCOMPARE(listing.at("progress").at("decided").get<int>(), m_approve.size() + m_reject.size());
        QCOMPARE(listing.at("progress").at("approved").get<int>(), m_approve.size());
        QCOMPARE(listing.at("progress").at("rejected").get<int>(), m_reject.size());
        for (const json &item : listing.at("items")) {
            const QString hash = str(item.at("data_hash"));
            if (m_approve.contains(hash)) {
                QCOMPARE(str(item.at("decision")), QStringLiteral("approved"));
                QCOMPARE(str(item.at("comment")), QStringLiteral("looks right"));
                QCOMPARE(str(item.at("reviewer")), kReviewer);
                QVERIFY(item.at("decided_at").is_string());
            } else if (m_reject.contains(hash)) {
                QCOMPARE(str(item.at("decision")), QStringLiteral("rejected"));
                QCOMPARE(str(item.at("reviewer")), QStringLiteral("env-reviewer"));
                QVERIFY(item.at("comment").is_null());
            } else {
                QVERIFY(item.at("decision").is_null());
            }
        }

        // Decisions are in the audit log, as is nothing else yet.
        const Run log = runCli(on(project, {QStringLiteral("log"), QStringLiteral("--json")}));
        QVERIFY2(log.exitCode == 0, qPrintable(log.errText()));
        QStringList approvedInLog, rejectedInLog;
        for (const json &entry : log.parsed()) {
            if (str(entry.at("action")) == QLatin1String("review-approve")) {
                approvedInLog.append(str(entry.at("details").at("dataHash")));
                QCOMPARE(str(entry.at("user")), kReviewer);
                QCOMPARE(str(entry.at("details").at("comment")), QStringLiteral("looks right"));
            } else if (str(entry.at("action")) == QLatin1String("review-reject")) {
                rejectedInLog.append(str(entry.at("details").at("dataHash")));
            }
        }
        QCOMPARE(sorted(approvedInLog), sorted(m_approve));
        QCOMPARE(sorted(rejectedInLog), sorted(m_reject));

        // Clearing takes decisions back to undecided: one by data hash, then all of the compare.
        const Run one =
            runCli(review(project, QStringLiteral("clear"),
                          {QStringLiteral("--data-hash"), m_reject.at(0), QStringLiteral("--json")}));
        QVERIFY2(one.exitCode == 0, qPrintable(one.errText()));
        QCOMPARE(one.parsed().at("cleared").get<int>(), 1);
        QCOMPARE(one.parsed().at("progress").at("decided").get<int>(),
                 m_approve.size() + m_reject.size() - 1);
        const Run all = runCli(review(project, QStringLiteral("clear")));
        QVERIFY2(all.exitCode == 0, qPrintable(all.errText()));
        QVERIFY(all.out.startsWith(QStringLiteral("cleared %1 review decisions")
                                       .arg(m_approve.size() + m_reject.size() - 1)
                                       .toUtf8()));
        QVERIFY(all.out.contains(QStringLiteral("0 of %1 decided").arg(m_differences).toUtf8()));
    }

    void dryRunPlansTheApprovedAndWritesNothing()
    {
        const QString project = freshCopy(QStringLiteral("dryrun.lbproj"));
        QVERIFY(decideFixture(project));
        const QString before = test::projectFilesSha256(project);
        const Run run = runCli(review(project, QStringLiteral("apply"),
                                      {QStringLiteral("--dry-run"), QStringLiteral("--json")}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        QCOMPARE(test::projectFilesSha256(project), before);
        const json plan = run.parsed();
        QVERIFY(plan.at("dry_run").get<bool>());
        QCOMPARE(plan.at("approved").get<int>(), m_approve.size());
        QStringList planned;
        for (const json &item : plan.at("items")) {
            planned.append(str(item.at("data_hash")));
            QVERIFY(item.contains("three_way"));
            QVERIFY(str(item.at("action")) != QLatin1String("skip"));
        }
        QCOMPARE(sorted(planned), sorted(m_approve));
        QCOMPARE(plan.at("progress").at("rejected").get<int>(), m_reject.size());

        const Run text = runCli(review(project, QStringLiteral("apply"), {QStringLiteral("--dry-run")}));
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.startsWith("TITLE"));
        QVERIFY(text.out.contains("nothing was written"));
        QVERIFY(text.out.contains(QStringLiteral("%1 approved").arg(m_approve.size()).toUtf8()));
        QCOMPARE(test::projectFilesSha256(project), before);
    }

    void applyChangesExactlyTheApprovedUnitsAndIsLoggedAndUndoable()
    {
        const QString project = freshCopy(QStringLiteral("apply.lbproj"));
        QVERIFY(decideFixture(project));
        const QHash<QString, QString> source = contentHashes(project, kSource);
        const QHash<QString, QString> before = contentHashes(project, kTarget);
        QVERIFY(!before.isEmpty());

        const Run run = runCli(review(project, QStringLiteral("apply"),
                                      {QStringLiteral("--batch-size"), QStringLiteral("3"),
                                       QStringLiteral("--reviewer"), kReviewer, QStringLiteral("--json")}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        const json result = run.parsed();
        QCOMPARE(result.at("count").get<int>(), m_approve.size());
        QCOMPARE(result.at("batches").at("total").get<int>(), 2);
        QCOMPARE(str(result.at("reviewer")), kReviewer);
        const qint64 operation = result.at("operation_id").get<qint64>();
        QVERIFY(operation > 0);

        // Every row of the target: approved units carry the source content, all others are as before.
        const QHash<QString, QString> after = contentHashes(project, kTarget);
        QStringList changed;
        for (auto it = after.cbegin(); it != after.cend(); ++it) {
            if (before.value(it.key()) != it.value())
                changed.append(it.key());
        }
        for (const QString &hash : std::as_const(m_approve))
            QCOMPARE(after.value(hash), source.value(hash));
        QCOMPARE(sorted(changed), sorted(m_approve));
        for (const QString &hash : before.keys())
            QVERIFY(after.contains(hash));

        // The log has the apply with reviewer, counts and data units.
        const Run log = runCli(on(project, {QStringLiteral("log"), QStringLiteral("--json")}));
        QVERIFY2(log.exitCode == 0, qPrintable(log.errText()));
        const json entries = log.parsed();
        const json &newest = entries.at(0);
        QCOMPARE(str(newest.at("action")), QStringLiteral("apply-review"));
        QCOMPARE(str(newest.at("user")), kReviewer);
        QVERIFY(newest.at("time").is_string());
        QCOMPARE(newest.at("operation_id").get<qint64>(), operation);
        const json &details = newest.at("details");
        QCOMPARE(str(details.at("reviewer")), kReviewer);
        QCOMPARE(details.at("count").get<int>(), m_approve.size());
        QStringList logged;
        for (const json &hash : details.at("dataHashes"))
            logged.append(str(hash));
        QCOMPARE(sorted(logged), sorted(m_approve));
        QCOMPARE(int(details.at("dataUnits").size()), m_approve.size());

        // Applied units no longer differ; a second apply has nothing left.
        const Run listed = runCli(review(project, QStringLiteral("list"), {QStringLiteral("--json")}));
        QCOMPARE(listed.parsed().at("progress").at("total").get<int>(), m_differences - m_approve.size());
        QString why;
        const Run again = runCli(review(project, QStringLiteral("apply")));
        QVERIFY2(isCleanFailure(again, &why), qPrintable(why));
        QVERIFY(again.err.contains("no approved"));

        // Undo takes the apply back exactly.
        const Run undo = runCli(on(project, {QStringLiteral("undo"), QStringLiteral("--branch"), kTarget}));
        QVERIFY2(undo.exitCode == 0, qPrintable(undo.errText()));
        QVERIFY(undo.out.contains("apply-review"));
        QCOMPARE(contentHashes(project, kTarget), before);
    }

    void reviewOnALiveEncordProject()
    {
        // An Encord project on the fake server: candidate differs from main on units 1 and 2 and has unit 3
        // only; decisions go to the local Encord cache, the apply to Encord.
        const QByteArray seed =
            QByteArray::fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        test::FakeEncordServer server;
        QVERIFY(server.start());
        auto key = SshKey::fromSeed(seed);
        QVERIFY(key.ok());
        server.registerPublicKey(key->publicKey());
        auto unit = [](int i) {
            return QStringLiteral("%1-0000-4000-8000-0000000000e1").arg(i, 8, 16, QLatin1Char('0'));
        };
        for (int i = 0; i < 4; ++i)
            server.addDataUnit(unit(i), QStringLiteral("street-%1.jpg").arg(i));
        for (int i = 0; i < 3; ++i)
            server.putRow(kTarget, unit(i), {test::FakeObject{QStringLiteral("main%1").arg(i)}});
        const QString candidate = QStringLiteral("candidate");
        server.putRow(candidate, unit(0), {test::FakeObject{QStringLiteral("main0")}});
        server.putRow(
            candidate, unit(1),
            {test::FakeObject{QStringLiteral("cand1a")}, test::FakeObject{QStringLiteral("cand1b")}});
        server.putRow(candidate, unit(2), {test::FakeObject{QStringLiteral("cand2")}});
        server.putRow(candidate, unit(3), {test::FakeObject{QStringLiteral("cand3")}});

        QTemporaryDir dir;
        const QString keyPath = dir.filePath(QStringLiteral("key.pem"));
        const QByteArray der = QByteArray::fromHex("302e020100300506032b657004220420") + seed;
        QVERIFY(test::writeFile(keyPath, "-----BEGIN PRIVATE KEY-----\n" + der.toBase64() +
                                             "\n-----END PRIVATE KEY-----\n"));
        QFile::setPermissions(keyPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QProcessEnvironment env = test::cleanCliEnvironment();
        env.insert(QStringLiteral("XDG_CACHE_HOME"), dir.filePath(QStringLiteral("cache")));
        const QStringList encord = {
            QStringLiteral("--encord-project"), test::FakeEncordServer::defaultProjectHash(),
            QStringLiteral("--ssh-key"),        keyPath,
            QStringLiteral("--domain"),         server.domain().toString()};
        auto run = [&](const QString &action, QStringList more) {
            return runCliWithEventLoop(encord +
                                           QStringList{QStringLiteral("review"), action,
                                                       QStringLiteral("--source"), candidate,
                                                       QStringLiteral("--target"), kTarget,
                                                       QStringLiteral("--reviewer"), kReviewer} +
                                           more,
                                       env);
        };

        Run approved =
            run(QStringLiteral("approve"), withHashes({unit(1), unit(3)}, {QStringLiteral("--json")}));
        QVERIFY2(approved.exitCode == 0, qPrintable(approved.errText()));
        Run rejected = run(QStringLiteral("reject"), withHashes({unit(2)}));
        QVERIFY2(rejected.exitCode == 0, qPrintable(rejected.errText()));

        // Another process reads the decisions back from the cache.
        const Run listed = runCliWithEventLoop(
            encord + QStringList{QStringLiteral("review"), QStringLiteral("list"), QStringLiteral("--source"),
                                 candidate, QStringLiteral("--target"), kTarget, QStringLiteral("--json")},
            env);
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.errText()));
        QCOMPARE(str(listed.parsed().at("progress").at("text")), QStringLiteral("3 of 3 decided"));

        const Run applied = run(QStringLiteral("apply"), {QStringLiteral("--json")});
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.errText()));
        QCOMPARE(applied.parsed().at("count").get<int>(), 2);
        QCOMPARE(server.row(kTarget, unit(1)).at("object_answers").size(), size_t(2));
        QVERIFY(server.row(kTarget, unit(1)).at("object_answers").contains("cand1a"));
        QVERIFY(server.row(kTarget, unit(3)).at("object_answers").contains("cand3"));
        QVERIFY(server.row(kTarget, unit(2)).at("object_answers").contains("main2"));

        const Run log =
            runCliWithEventLoop(encord + QStringList{QStringLiteral("log"), QStringLiteral("--json")}, env);
        QVERIFY2(log.exitCode == 0, qPrintable(log.errText()));
        QStringList actions;
        for (const json &entry : log.parsed())
            actions.append(str(entry.at("action")));
        QCOMPARE(actions.count(QStringLiteral("review-approve")), 2);
        QCOMPARE(actions.count(QStringLiteral("review-reject")), 1);
        QCOMPARE(actions.count(QStringLiteral("apply-review")), 1);
    }

    void errorsAreOneLineAndChangeNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("fragment");
        const auto args = [](const QString &action, const QString &source, const QString &target,
                             QStringList more = {}) {
            QStringList list = {QStringLiteral("review"), action};
            if (!source.isEmpty())
                list << QStringLiteral("--source") << source;
            if (!target.isEmpty())
                list << QStringLiteral("--target") << target;
            return list + more;
        };
        const QString approve = QStringLiteral("approve");
        const QString hash = QStringLiteral("--data-hash");
        QTest::newRow("no action") << QStringList{QStringLiteral("review")} << 2
                                   << QStringLiteral("list, approve");
        QTest::newRow("unknown action") << args(QStringLiteral("merge"), kSource, kTarget) << 2
                                        << QStringLiteral("unknown review action");
        QTest::newRow("no target") << args(QStringLiteral("list"), kSource, QString()) << 2
                                   << QStringLiteral("--target");
        QTest::newRow("unknown source") << args(QStringLiteral("list"), QStringLiteral("nope"), kTarget) << 1
                                        << QStringLiteral("\"nope\" does not exist");
        QTest::newRow("unknown target")
            << args(approve, kSource, QStringLiteral("nope"), {hash, m_approve.at(0)}) << 1
            << QStringLiteral("\"nope\" does not exist");
        // Naming one branch as both source and target is a usage error: exit 2, like a bad option value.
        QTest::newRow("same branch") << args(approve, kTarget, kTarget, {hash, m_approve.at(0)}) << 2
                                     << QStringLiteral("must be different");
        QTest::newRow("approve without data hash")
            << args(approve, kSource, kTarget) << 2 << QStringLiteral("--data-hash");
        QTest::newRow("reject without data hash")
            << args(QStringLiteral("reject"), kSource, kTarget) << 2 << QStringLiteral("--data-hash");
        QTest::newRow("identical data unit")
            << args(approve, kSource, kTarget, {hash, m_approve.at(0), hash, m_identical}) << 1
            << QStringLiteral("does not differ");
        QTest::newRow("unknown data unit") << args(QStringLiteral("reject"), kSource, kTarget,
                                                   {hash, m_approve.at(0), hash, QStringLiteral("nope")})
                                           << 1 << QStringLiteral("not in this project");
        QTest::newRow("dry run with approve")
            << args(approve, kSource, kTarget, {hash, m_approve.at(0), QStringLiteral("--dry-run")}) << 2
            << QStringLiteral("--dry-run");
        QTest::newRow("comment with list") << args(QStringLiteral("list"), kSource, kTarget,
                                                   {QStringLiteral("--comment"), QStringLiteral("x")})
                                           << 2 << QStringLiteral("--comment");
        QTest::newRow("nothing approved")
            << args(QStringLiteral("apply"), kSource, kTarget) << 1 << QStringLiteral("no approved");
        QTest::newRow("bad batch size") << args(QStringLiteral("apply"), kSource, kTarget,
                                                {QStringLiteral("--batch-size"), QStringLiteral("0")})
                                        << 2 << QStringLiteral("batch size");
        QTest::newRow("clear on unknown branch")
            << args(QStringLiteral("clear"), kSource, QStringLiteral("nope")) << 1
            << QStringLiteral("\"nope\" does not exist");
        QTest::newRow("clear on the same branch")
            << args(QStringLiteral("clear"), kTarget, kTarget) << 2 << QStringLiteral("must be different");
        QTest::newRow("extra argument")
            << args(QStringLiteral("list"), kSource, kTarget, {QStringLiteral("x")}) << 2
            << QStringLiteral("unexpected argument");
    }

    void errorsAreOneLineAndChangeNothing()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, fragment);
        const QString project = freshCopy(QStringLiteral("errors.lbproj"));
        const QString before = test::projectFilesSha256(project);
        for (bool asJson : {false, true}) {
            QStringList withJson = args;
            if (asJson)
                withJson.append(QStringLiteral("--json"));
            const Run run = runCli(on(project, withJson));
            QString why;
            QVERIFY2(isCleanFailure(run, &why), qPrintable(why));
            QCOMPARE(run.exitCode, exitCode);
            QVERIFY2(run.errText().contains(fragment), qPrintable(run.errText()));
            QCOMPARE(test::projectFilesSha256(project), before);
        }
        // Nothing was decided either.
        const Run listed = runCli(review(project, QStringLiteral("list"), {QStringLiteral("--json")}));
        QCOMPARE(listed.parsed().at("progress").at("decided").get<int>(), 0);
    }

    // One object of a differing unit is approved, another left alone: apply merges exactly that object.
    void approvedObjectIsMergedAlone()
    {
        // The default demo: the model's objects carry hashes of their own, some units differ in several.
        const QString project = m_dir.filePath(QStringLiteral("objects.lbproj"));
        const Run demo = runCli({QStringLiteral("demo"), QStringLiteral("--out"), project,
                                 QStringLiteral("--size"), QStringLiteral("small")});
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.errText()));
        const Run diff =
            runCli(on(project, {QStringLiteral("diff"), kSource, kTarget, QStringLiteral("--json")}));
        QVERIFY2(diff.exitCode == 0, qPrintable(diff.errText()));
        QStringList differing;
        const json entries = diff.parsed().at("entries");
        for (const json &entry : entries) {
            const QString status = str(entry.at("status"));
            if (status == QLatin1String("changed-same-count") || status == QLatin1String("count-differs"))
                differing.append(str(entry.at("data_hash")));
        }
        QString unit;
        QStringList changed; // objects that differ in `unit`
        for (const QString &hash : std::as_const(differing)) {
            const Run plan =
                runCli(on(project, {QStringLiteral("merge"), QStringLiteral("--source"), kSource,
                                    QStringLiteral("--target"), kTarget, QStringLiteral("--data-hash"), hash,
                                    QStringLiteral("--others"), QStringLiteral("keep-target"),
                                    QStringLiteral("--dry-run"), QStringLiteral("--json")}));
            QVERIFY2(plan.exitCode == 0, qPrintable(plan.errText()));
            changed.clear();
            const json objects = plan.parsed().at("data_units").at(0).at("objects");
            for (const json &entry : objects) {
                if (str(entry.at("kind")) == QLatin1String("object") &&
                    str(entry.at("outcome")) != QLatin1String("same"))
                    changed.append(str(entry.at("hash")));
            }
            if (changed.size() >= 2) {
                unit = hash;
                break;
            }
        }
        QVERIFY2(!unit.isEmpty(), "no data unit of the demo has two differing objects");
        const QString object = changed.constFirst();

        const Run approved = runCli(
            review(project, QStringLiteral("approve"),
                   withHashes({unit}, {QStringLiteral("--object"), object, QStringLiteral("--reviewer"),
                                       kReviewer, QStringLiteral("--json")})));
        QVERIFY2(approved.exitCode == 0, qPrintable(approved.errText()));
        QCOMPARE(str(approved.parsed().at("decisions").at(0).at("object_hash")), object);

        const Run listed = runCli(review(project, QStringLiteral("list"), {QStringLiteral("--json")}));
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.errText()));
        bool found = false;
        const json items = listed.parsed().at("items");
        for (const json &item : items) {
            if (str(item.at("data_hash")) != unit)
                continue;
            found = true;
            QCOMPARE(str(item.at("decided_by")), QStringLiteral("objects"));
            QCOMPARE(item.at("object_decisions").size(), size_t(1));
            QCOMPARE(str(item.at("object_decisions").at(0).at("decision")), QStringLiteral("approved"));
        }
        QVERIFY(found);

        const Run dry = runCli(review(project, QStringLiteral("apply"),
                                      {QStringLiteral("--dry-run"), QStringLiteral("--json")}));
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.errText()));
        QCOMPARE(dry.parsed().at("approved_objects").get<int>(), 1);
        QCOMPARE(dry.parsed().at("objects").at("to_write").get<int>(), 1);

        const Run applied = runCli(review(project, QStringLiteral("apply"), {QStringLiteral("--json")}));
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.errText()));
        QVERIFY(applied.parsed().at("objects").at("operation_id").get<qint64>() > 0);
        QCOMPARE(applied.parsed().at("objects").at("objects_taken").get<int>(), 1);

        // Now alike on both branches; every other changed object still differs.
        const Run after =
            runCli(on(project, {QStringLiteral("merge"), QStringLiteral("--source"), kSource,
                                QStringLiteral("--target"), kTarget, QStringLiteral("--data-hash"), unit,
                                QStringLiteral("--others"), QStringLiteral("keep-target"),
                                QStringLiteral("--dry-run"), QStringLiteral("--json")}));
        QVERIFY2(after.exitCode == 0, qPrintable(after.errText()));
        QStringList still;
        const json objectsAfter = after.parsed().at("data_units").at(0).at("objects");
        for (const json &entry : objectsAfter) {
            if (str(entry.at("kind")) == QLatin1String("object") &&
                str(entry.at("outcome")) != QLatin1String("same"))
                still.append(str(entry.at("hash")));
        }
        QVERIFY(!still.contains(object));
        QCOMPARE(sorted(still), sorted(changed.mid(1)));
    }

    void objectDecisionsRefuseBadInput()
    {
        const QString project = freshCopy(QStringLiteral("badobjects.lbproj"));
        const Run twoUnits = runCli(
            review(project, QStringLiteral("approve"),
                   withHashes(m_approve.mid(0, 2), {QStringLiteral("--object"), QStringLiteral("x")})));
        QCOMPARE(twoUnits.exitCode, 2);
        QVERIFY(twoUnits.err.contains("exactly one --data-hash"));
        const Run unknown = runCli(review(
            project, QStringLiteral("reject"),
            withHashes({m_approve.constFirst()}, {QStringLiteral("--object"), QStringLiteral("nosuch")})));
        QString why;
        QVERIFY2(isCleanFailure(unknown, &why), qPrintable(why));
        QVERIFY2(unknown.err.contains("nosuch"), unknown.err.constData());
        const Run misplaced = runCli(
            review(project, QStringLiteral("apply"), {QStringLiteral("--object"), QStringLiteral("x")}));
        QCOMPARE(misplaced.exitCode, 2);
        const Run listed = runCli(review(project, QStringLiteral("list"), {QStringLiteral("--json")}));
        QCOMPARE(listed.parsed().at("progress").at("decided").get<int>(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCliReview)
#include "tst_cli_review.moc"
