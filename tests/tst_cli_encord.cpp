#include "encord/ssh/sshkey.h"
#include "fakeencordserver.h"
#include "testsupport.h"

#include <memory>
#include <nlohmann/json.hpp>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace lb;
using lb::test::FakeEncordServer;
using lb::test::FakeObject;
using json = nlohmann::json;

namespace {

const QByteArray RegisteredSeed =
    QByteArray::fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
const QByteArray OtherSeed =
    QByteArray::fromHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");

const QString PreLabels = QStringLiteral("pre-labels");
constexpr int DataUnits = 6;
constexpr int RunTimeoutMs = 120000;

// ssh-keygen, passphrase "correct horse", aes256-ctr.
const QByteArray EncryptedKey =
    QByteArrayLiteral("-----BEGIN OPENSSH PRIVATE KEY-----\n"
                      "b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABDJw6Fxvj\n"
                      "EIBjRpmVyPqMnXAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIC+X8OS7gQxFVdZP\n"
                      "Z7JnrFvl8d/QxntBQPwlvGTdTt3LAAAAkO5f82vY9ixco3YS4HvZaYbnQnGDS2JAyh3Nx9\n"
                      "bruc7KRmG9TQDYc9UXw+Vk3h9SMQFPAUv4ab/qbi4AWODsHlzn+azb0aNyC37qbEA9TNo9\n"
                      "u2Cp99Uzf8iuQivW8vmLHWdWMP89N51qhBWEbTI2EwRgBXNiIxJojuK4BQygfTnadEV4L8\n"
                      "0HC2dqNu7oJDsLIg==\n"
                      "-----END OPENSSH PRIVATE KEY-----\n");
const QByteArray EncryptedKeyPassphrase = "correct horse";

// An Ed25519 private key as PKCS#8 PEM: the fixed DER prefix of RFC 8410 followed by the 32-byte seed.
QByteArray pemFromSeed(const QByteArray &seed)
{
    const QByteArray der = QByteArray::fromHex("302e020100300506032b657004220420") + seed;
    return "-----BEGIN PRIVATE KEY-----\n" + der.toBase64() + "\n-----END PRIVATE KEY-----\n";
}

QByteArray publicKeyOf(const QByteArray &seed)
{
    auto key = SshKey::fromSeed(seed);
    return key ? key->publicKey() : QByteArray();
}

QString dataHash(int i)
{
    return QStringLiteral("%1-0000-4000-8000-0000000000c1").arg(i, 8, 16, QLatin1Char('0'));
}

struct Run
{
    int exitCode = -1;
    bool finished = false;
    QByteArray out;
    QByteArray err;

    json parsed() const { return json::parse(out.toStdString(), nullptr, false); }
    QString errText() const { return QString::fromUtf8(err); }
};

QString str(const json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

} // namespace

class TestCliEncord : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeEncordServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_keyPath;
    QString m_otherKeyPath;

    QString writeKey(const QString &name, const QByteArray &seed)
    {
        const QString path = m_dir->filePath(name);
        if (!lb::test::writeFile(path, pemFromSeed(seed)))
            return QString();
        // Owner-only, as a private key should be: the CLI would warn otherwise.
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        return path;
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("LABELBRANCH_PROJECT"));
        env.remove(QStringLiteral("ENCORD_SSH_KEY_FILE"));
        env.remove(QStringLiteral("ENCORD_SSH_KEY"));
        env.insert(QStringLiteral("LABELBRANCH_PROGRESS"), QStringLiteral("never"));
        // The local cache of Encord contents goes under the test's folder, not the user's.
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_dir->filePath(QStringLiteral("cache")));
        return env;
    }

    QStringList encordArgs(const QString &keyPath) const
    {
        return {QStringLiteral("--encord-project"), FakeEncordServer::defaultProjectHash(),
                QStringLiteral("--ssh-key"),        keyPath,
                QStringLiteral("--domain"),         m_server->domain().toString()};
    }

    // The fake server answers on its own thread while this one keeps its event loop running: nothing here
    // blocks in waitForFinished.
    Run runCli(const QStringList &args, const QProcessEnvironment &env)
    {
        QProcess process;
        process.setProcessEnvironment(env);
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(QStringLiteral(LB_CLI_PATH), args);
        process.closeWriteChannel();
        Run run;
        if (!finished.wait(RunTimeoutMs)) {
            process.kill();
            process.waitForFinished(10000);
            return run;
        }
        run.finished = process.exitStatus() == QProcess::NormalExit;
        run.exitCode = process.exitCode();
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        return run;
    }

    Run runEncord(const QStringList &command)
    {
        return runCli(encordArgs(m_keyPath) + command, environment());
    }

    static bool isOneLineFailure(const Run &run, QString *why)
    {
        if (!run.finished || run.exitCode == 0) {
            *why = QStringLiteral("exit code %1").arg(run.exitCode);
            return false;
        }
        if (!run.out.isEmpty()) {
            *why = QStringLiteral("stdout not empty: ") + QString::fromUtf8(run.out.left(200));
            return false;
        }
        if (!run.err.startsWith("labelbranch-cli: ") || run.err.count('\n') != 1 || !run.err.endsWith('\n')) {
            *why = QStringLiteral("stderr is not one line: ") + run.errText();
            return false;
        }
        return true;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_keyPath = writeKey(QStringLiteral("encord-key.pem"), RegisteredSeed);
        m_otherKeyPath = writeKey(QStringLiteral("other-key.pem"), OtherSeed);
        QVERIFY(!m_keyPath.isEmpty() && !m_otherKeyPath.isEmpty());

        m_server = std::make_unique<FakeEncordServer>();
        QVERIFY(m_server->start());
        m_server->registerPublicKey(publicKeyOf(RegisteredSeed));
        for (int i = 0; i < DataUnits; ++i)
            m_server->addDataUnit(dataHash(i), QStringLiteral("street-%1.jpg").arg(i));
        // main has rows on the first five data units; pre-labels on three of them, one with an extra object
        // and one with a moved object.
        for (int i = 0; i < DataUnits - 1; ++i) {
            QList<FakeObject> objects;
            for (int k = 0; k <= i % 3; ++k)
                objects.append(FakeObject{QStringLiteral("main%1obj%2").arg(i).arg(k)});
            m_server->putRow(QStringLiteral("main"), dataHash(i), objects);
        }
        m_server->putRow(PreLabels, dataHash(0), {FakeObject{QStringLiteral("main0obj0")}});
        m_server->putRow(PreLabels, dataHash(1),
                         {FakeObject{QStringLiteral("main1obj0")}, FakeObject{QStringLiteral("main1obj1")},
                          FakeObject{QStringLiteral("pre1extra"), QStringLiteral("no8RyWRY")}});
        FakeObject moved{QStringLiteral("main2obj0")};
        moved.x = 0.5;
        m_server->putRow(
            PreLabels, dataHash(2),
            {moved, FakeObject{QStringLiteral("main2obj1")}, FakeObject{QStringLiteral("main2obj2")}});
    }

    void cleanup()
    {
        m_server.reset();
        m_dir.reset();
    }

    void helpNamesTheEncordOptions()
    {
        const Run run = runCli({QStringLiteral("--help")}, environment());
        QCOMPARE(run.exitCode, 0);
        const QString help = QString::fromUtf8(run.out);
        for (const char *option : {"--encord-project", "--ssh-key", "--domain", "ENCORD_SSH_KEY_FILE"})
            QVERIFY2(help.contains(QLatin1String(option)), option);
    }

    void branchesOfTheLiveProject()
    {
        const Run run = runEncord({QStringLiteral("branches"), QStringLiteral("--json")});
        QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.errText()));
        const json branches = run.parsed();
        QVERIFY(branches.is_array());
        QMap<QString, int> rows;
        for (const json &b : branches)
            rows.insert(str(b["name"]), b["row_count"].get<int>());
        QCOMPARE(str(branches[0]["name"]), QStringLiteral("main"));
        QCOMPARE(rows.value(QStringLiteral("main")), m_server->rowCount(QStringLiteral("main")));
        QCOMPARE(rows.value(PreLabels), m_server->rowCount(PreLabels));
        QCOMPARE(rows.size(), m_server->branches().size());

        // The table form names the same branches.
        const Run table = runEncord({QStringLiteral("branches")});
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.out.contains(PreLabels.toUtf8()));
    }

    void rowsOfABranch()
    {
        const Run run = runEncord(
            {QStringLiteral("rows"), QStringLiteral("--branch"), PreLabels, QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        const json rows = run.parsed();
        QVERIFY(rows.is_array());
        QCOMPARE(int(rows.size()), m_server->rowCount(PreLabels));
        for (const json &row : rows) {
            const QString hash = str(row["data_hash"]);
            const json onServer = m_server->row(PreLabels, hash);
            QVERIFY2(!onServer.is_null(), qPrintable(hash));
            QCOMPARE(str(row["label_hash"]), str(onServer["label_hash"]));
            QCOMPARE(str(row["branch_name"]), PreLabels);
            QCOMPARE(row["object_count"].get<int>(), int(onServer["object_answers"].size()));
        }
    }

    void diffOfTwoBranchesWithOptionsAfterTheCommand()
    {
        // The Encord options work after the command too, like --project.
        const Run run = runCli(
            QStringList{QStringLiteral("diff"), QStringLiteral("main"), PreLabels, QStringLiteral("--json")} +
                encordArgs(m_keyPath),
            environment());
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        const json diff = run.parsed();
        QCOMPARE(str(diff["source_branch"]), QStringLiteral("main"));
        QCOMPARE(str(diff["target_branch"]), PreLabels);
        const json &summary = diff["summary"];
        QCOMPARE(summary["total"].get<int>(), DataUnits);
        QCOMPARE(summary["identical"].get<int>(), 1);          // data unit 0
        QCOMPARE(summary["count_differs"].get<int>(), 1);      // data unit 1: one more object
        QCOMPARE(summary["changed_same_count"].get<int>(), 1); // data unit 2: an object moved
        QCOMPARE(summary["only_in_source"].get<int>(), 2);     // data units 3 and 4
    }

    void copyToANewBranchWritesToEncord()
    {
        const QString target = QStringLiteral("experiment-1");
        QCOMPARE(m_server->rowCount(target), 0);
        const Run run = runEncord({QStringLiteral("copy"), QStringLiteral("--source"), QStringLiteral("main"),
                                   QStringLiteral("--target"), target, QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        const json result = run.parsed();
        const int mainRows = m_server->rowCount(QStringLiteral("main"));
        QCOMPARE(result["created"].get<int>(), mainRows);
        // Encord's copy endpoint did it, and creates the branch itself.
        QCOMPARE(str(result["method"]), QStringLiteral("server"));
        QCOMPARE(result["unidentified"].get<int>(), 0);
        for (const auto &r : m_server->requests())
            QVERIFY2(r.queryType != QLatin1String("labelrow"), r.target.constData());

        // The server's project holds the rows now, with main's objects.
        QCOMPARE(m_server->rowCount(target), mainRows);
        for (int i = 0; i < DataUnits - 1; ++i) {
            const json copied = m_server->row(target, dataHash(i));
            const json original = m_server->row(QStringLiteral("main"), dataHash(i));
            QVERIFY(!copied.is_null());
            QVERIFY(str(copied["label_hash"]) != str(original["label_hash"]));
            QCOMPARE(copied["object_answers"].size(), original["object_answers"].size());
            for (auto it = original["object_answers"].begin(); it != original["object_answers"].end(); ++it)
                QVERIFY(copied["object_answers"].contains(it.key()));
        }

        // A fresh listing sees the branch with its rows.
        const Run branches = runEncord({QStringLiteral("branches"), QStringLiteral("--json")});
        QCOMPARE(branches.exitCode, 0);
        bool listed = false;
        for (const json &b : branches.parsed())
            listed = listed || (str(b["name"]) == target && b["row_count"].get<int>() == mainRows);
        QVERIFY(listed);
    }

    void copyTableSaysWhichWayItWent()
    {
        const Run server =
            runEncord({QStringLiteral("copy"), QStringLiteral("--source"), QStringLiteral("main"),
                       QStringLiteral("--target"), QStringLiteral("by-server")});
        QVERIFY2(server.exitCode == 0, qPrintable(server.errText()));
        QVERIFY2(server.out.contains("copied by Encord's copy endpoint"), server.out.constData());

        m_server->setCopyEndpoint(false);
        const Run client =
            runEncord({QStringLiteral("copy"), QStringLiteral("--source"), QStringLiteral("main"),
                       QStringLiteral("--target"), QStringLiteral("by-client")});
        QVERIFY2(client.exitCode == 0, qPrintable(client.errText()));
        QVERIFY2(client.out.contains("copied client-side"), client.out.constData());
        QCOMPARE(m_server->rowCount(QStringLiteral("by-client")),
                 m_server->rowCount(QStringLiteral("by-server")));
    }

    void refreshListsEveryBranch()
    {
        const Run run = runEncord({QStringLiteral("refresh"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        const json out = run.parsed();
        QVERIFY(out["refreshed"].get<bool>());
        int rows = 0;
        for (const QString &branch : m_server->branches())
            rows += m_server->rowCount(branch);
        QCOMPARE(out["branches"].get<int>(), int(m_server->branches().size()));
        QCOMPARE(out["rows"].get<int>(), rows);
        const Run text = runEncord({QStringLiteral("refresh")});
        QVERIFY2(text.out.startsWith("refreshed "), text.out.constData());
    }

    void syncThenUndoRestoresEncordRows()
    {
        // pre-labels' row of data unit 1 has an extra object; a sync to main replaces main's row with it.
        const json before = m_server->row(QStringLiteral("main"), dataHash(1));
        const Run sync = runEncord({QStringLiteral("sync"), QStringLiteral("--source"), PreLabels,
                                    QStringLiteral("--target"), QStringLiteral("main"),
                                    QStringLiteral("--data-hash"), dataHash(1), QStringLiteral("--json")});
        QVERIFY2(sync.exitCode == 0, qPrintable(sync.errText()));
        QCOMPARE(sync.parsed()["replaced"].get<int>(), 1);
        QVERIFY(m_server->row(QStringLiteral("main"), dataHash(1))["object_answers"].contains("pre1extra"));

        const Run undo = runEncord({QStringLiteral("undo"), QStringLiteral("--branch"),
                                    QStringLiteral("main"), QStringLiteral("--json")});
        QVERIFY2(undo.exitCode == 0, qPrintable(undo.errText()));
        QCOMPARE(undo.parsed()["restored"].get<int>(), 1);
        QCOMPARE(str(sync.parsed()["method"]), QStringLiteral("server"));
        const json after = m_server->row(QStringLiteral("main"), dataHash(1));
        QCOMPARE(str(after["label_hash"]), str(before["label_hash"]));
        QCOMPARE(after["object_answers"].size(), before["object_answers"].size());
        QVERIFY(!after["object_answers"].contains("pre1extra"));

        // Both writes are in the audit log, which the next process reads from the local cache.
        const Run log = runEncord({QStringLiteral("log"), QStringLiteral("--json")});
        QCOMPARE(log.exitCode, 0);
        QSet<QString> actions;
        for (const json &entry : log.parsed())
            actions.insert(str(entry["action"]));
        QVERIFY2(actions.contains(QStringLiteral("sync")) && actions.contains(QStringLiteral("undo")),
                 log.out.constData());
    }

    void exportThenImportThroughEncord()
    {
        const QString file = m_dir->filePath(QStringLiteral("pre-labels.json"));
        const Run exported = runEncord(
            {QStringLiteral("export"), QStringLiteral("--branch"), PreLabels, QStringLiteral("--out"), file});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.errText()));
        const json rows = json::parse(lb::test::readFile(file).toStdString(), nullptr, false);
        QVERIFY(rows.is_array());
        QCOMPARE(int(rows.size()), m_server->rowCount(PreLabels));

        const QString target = QStringLiteral("imported");
        const Run imported = runEncord(
            {QStringLiteral("import"), QStringLiteral("--branch"), target, file, QStringLiteral("--json")});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.errText()));
        QCOMPARE(m_server->rowCount(target), m_server->rowCount(PreLabels));
        for (int i = 0; i < 3; ++i) {
            const json original = m_server->row(PreLabels, dataHash(i));
            const json copy = m_server->row(target, dataHash(i));
            QCOMPARE(copy["object_answers"].size(), original["object_answers"].size());
        }
    }

    void readingRowsReportsProgressPerBundle()
    {
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("LABELBRANCH_PROGRESS"), QStringLiteral("always"));
        const Run run = runCli(encordArgs(m_keyPath) + QStringList{QStringLiteral("branches")}, env);
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        QVERIFY2(run.err.contains("reading label rows"), run.err.constData());
        QVERIFY2(run.err.contains("bundles"), run.err.constData());
        // The progress line is erased once the rows are read; the table goes to stdout alone.
        QVERIFY(!run.out.contains("reading label rows"));
    }

    void keyFromTheEnvironment()
    {
        QStringList args{QStringLiteral("--encord-project"), FakeEncordServer::defaultProjectHash(),
                         QStringLiteral("--domain"), m_server->domain().toString(),
                         QStringLiteral("branches")};
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("ENCORD_SSH_KEY_FILE"), m_keyPath);
        Run run = runCli(args, env);
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        QVERIFY(run.out.contains(PreLabels.toUtf8()));

        env = environment();
        env.insert(QStringLiteral("ENCORD_SSH_KEY"), QString::fromLatin1(pemFromSeed(RegisteredSeed)));
        run = runCli(args, env);
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        QVERIFY(run.out.contains(PreLabels.toUtf8()));

        // No key anywhere: one line that says where a key can come from.
        run = runCli(args, environment());
        QString why;
        QVERIFY2(isOneLineFailure(run, &why), qPrintable(why));
        QVERIFY2(run.errText().contains(QStringLiteral("ENCORD_SSH_KEY_FILE")), qPrintable(run.errText()));
    }

    void keyWithAPassphrase()
    {
        const QString path = m_dir->filePath(QStringLiteral("protected-key"));
        QVERIFY(lb::test::writeFile(path, EncryptedKey));
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        auto key = SshKey::fromText(EncryptedKey, EncryptedKeyPassphrase);
        QVERIFY2(key.ok(), qPrintable(key.error()));
        m_server->registerPublicKey(key->publicKey());
        const QStringList args = encordArgs(path) + QStringList{QStringLiteral("branches")};

        Run run = runCli(args, environment());
        QString why;
        QVERIFY2(isOneLineFailure(run, &why), qPrintable(why));
        QVERIFY2(run.errText().contains(QStringLiteral("passphrase")), qPrintable(run.errText()));

        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("LABELBRANCH_SSH_KEY_PASSPHRASE"),
                   QString::fromLatin1(EncryptedKeyPassphrase));
        run = runCli(args, env);
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        QVERIFY(run.out.contains(PreLabels.toUtf8()));
    }

    void wrongKeyFailsWithOneLine()
    {
        const Run run =
            runCli(encordArgs(m_otherKeyPath) + QStringList{QStringLiteral("branches")}, environment());
        QString why;
        QVERIFY2(isOneLineFailure(run, &why), qPrintable(why));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.errText().contains(QStringLiteral("not registered")), qPrintable(run.errText()));
        // Nothing was written with the wrong key.
        QCOMPARE(m_server->branches().size(), 2);
    }

    void missingKeyFileFailsWithOneLine()
    {
        const Run run = runCli(
            encordArgs(m_dir->filePath(QStringLiteral("no-such-key"))) +
                QStringList{QStringLiteral("rows"), QStringLiteral("--branch"), QStringLiteral("main")},
            environment());
        QString why;
        QVERIFY2(isOneLineFailure(run, &why), qPrintable(why));
        QVERIFY2(run.errText().contains(QStringLiteral("no-such-key")), qPrintable(run.errText()));
    }

    void stoppedServerFailsWithOneLine()
    {
        const QStringList args = encordArgs(m_keyPath) + QStringList{QStringLiteral("branches")};
        m_server.reset();
        const Run run = runCli(args, environment());
        QString why;
        QVERIFY2(isOneLineFailure(run, &why), qPrintable(why));
    }

    void projectAndEncordProjectTogetherIsAUsageError()
    {
        const QString file = m_dir->filePath(QStringLiteral("local.lbproj"));
        Run run = runCli(QStringList{QStringLiteral("--project"), file} + encordArgs(m_keyPath) +
                             QStringList{QStringLiteral("branches")},
                         environment());
        QString why;
        QVERIFY2(isOneLineFailure(run, &why), qPrintable(why));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.errText().contains(QStringLiteral("--encord-project")), qPrintable(run.errText()));

        // Also when one of them follows the command.
        run = runCli(encordArgs(m_keyPath) +
                         QStringList{QStringLiteral("branches"), QStringLiteral("--project"), file},
                     environment());
        QVERIFY2(isOneLineFailure(run, &why), qPrintable(why));
        QCOMPARE(run.exitCode, 2);

        // --ssh-key alone names what is missing.
        run = runCli({QStringLiteral("--ssh-key"), m_keyPath, QStringLiteral("branches")}, environment());
        QVERIFY2(isOneLineFailure(run, &why), qPrintable(why));
        QCOMPARE(run.exitCode, 2);
        QVERIFY(!QFileInfo::exists(file));
    }
};

QTEST_GUILESS_MAIN(TestCliEncord)
#include "tst_cli_encord.moc"
