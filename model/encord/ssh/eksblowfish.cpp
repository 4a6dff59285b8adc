#include "encord/ssh/eksblowfish.h"

// Only the block function is used; it is deprecated as a public API in OpenSSL 3 but still part of libcrypto.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <cstring>
#include <memory>
#include <openssl/blowfish.h>
#include <openssl/bn.h>

namespace lb {

namespace {

using InitialState = std::array<uint32_t, EksBlowfish::PWords + EksBlowfish::SWords>;

static_assert(sizeof(BF_KEY) == sizeof(InitialState), "BF_KEY must be P[18] followed by S[1024]");
static_assert(sizeof(BF_LONG) == sizeof(uint32_t), "BF_LONG must be 32 bits");

struct BnDeleter
{
    void operator()(BIGNUM *bn) const { BN_free(bn); }
};
using Bn = std::unique_ptr<BIGNUM, BnDeleter>;

// arctan(1/x) * 2^bits by its Taylor series, in fixed point. Each term's truncation costs less than one
// unit in the last place; the caller keeps guard bits for that.
Bn scaledArctanInverse(BN_ULONG x, int bits)
{
    Bn sum(BN_new());
    Bn power(BN_new());
    BN_zero(sum.get());
    BN_one(power.get());
    BN_lshift(power.get(), power.get(), bits);
    BN_div_word(power.get(), x);
    const BN_ULONG xSquared = x * x;
    for (BN_ULONG k = 0; !BN_is_zero(power.get()); ++k) {
        Bn term(BN_dup(power.get()));
        BN_div_word(term.get(), 2 * k + 1);
        if (k % 2 == 0)
            BN_add(sum.get(), sum.get(), term.get());
        else
            BN_sub(sum.get(), sum.get(), term.get());
        BN_div_word(power.get(), xSquared);
    }
    return sum;
}

// Blowfish's initial P-array and S-boxes are the first 8336 hexadecimal digits of pi after the point.
// They are computed (Machin's formula) instead of being tabulated.
InitialState computeInitialState()
{
    constexpr int stateBits = int(sizeof(InitialState)) * 8;
    constexpr int guardBits = 64;
    constexpr int bits = stateBits + guardBits;

    Bn pi = scaledArctanInverse(5, bits);
    BN_mul_word(pi.get(), 16);
    Bn atan239 = scaledArctanInverse(239, bits);
    BN_mul_word(atan239.get(), 4);
    BN_sub(pi.get(), pi.get(), atan239.get());

    Bn three(BN_new());
    BN_set_word(three.get(), 3);
    BN_lshift(three.get(), three.get(), bits);
    BN_sub(pi.get(), pi.get(), three.get()); // keep the fraction only
    BN_rshift(pi.get(), pi.get(), guardBits);

    unsigned char bytes[sizeof(InitialState)];
    BN_bn2binpad(pi.get(), bytes, int(sizeof(bytes)));
    InitialState state{};
    for (size_t i = 0; i < state.size(); ++i) {
        const unsigned char *b = bytes + 4 * i;
        state[i] = (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | uint32_t(b[3]);
    }
    return state;
}

const InitialState &initialState()
{
    static const InitialState state = computeInitialState();
    return state;
}

// Big-endian 32-bit words read cyclically from bytes, as bcrypt's stream2word does.
class CyclicWordReader
{
public:
    explicit CyclicWordReader(const QByteArray &bytes) : m_bytes(bytes) {}

    uint32_t next()
    {
        uint32_t word = 0;
        for (int i = 0; i < 4; ++i) {
            word = (word << 8) | uint32_t(uchar(m_bytes.at(m_pos)));
            m_pos = (m_pos + 1) % m_bytes.size();
        }
        return word;
    }

private:
    const QByteArray &m_bytes;
    qsizetype m_pos = 0;
};

} // namespace

EksBlowfish::EksBlowfish() : m_state(initialState()) {}

void EksBlowfish::encryptBlock(uint32_t *left, uint32_t *right) const
{
    BF_LONG block[2] = {*left, *right};
    BF_encrypt(block, reinterpret_cast<const BF_KEY *>(m_state.data()));
    *left = block[0];
    *right = block[1];
}

void EksBlowfish::expandState(const QByteArray &data, const QByteArray &key)
{
    CyclicWordReader keyWords(key);
    for (int i = 0; i < PWords; ++i)
        m_state[size_t(i)] ^= keyWords.next();
    rekey(data, true);
}

void EksBlowfish::expand0State(const QByteArray &key)
{
    CyclicWordReader keyWords(key);
    for (int i = 0; i < PWords; ++i)
        m_state[size_t(i)] ^= keyWords.next();
    rekey(QByteArray(), false);
}

void EksBlowfish::rekey(const QByteArray &data, bool foldData)
{
    // An empty data stream cannot be read cyclically; a reader is only built when data is folded in.
    std::unique_ptr<CyclicWordReader> dataWords;
    if (foldData)
        dataWords = std::make_unique<CyclicWordReader>(data);
    uint32_t left = 0;
    uint32_t right = 0;
    for (size_t i = 0; i < m_state.size(); i += 2) {
        if (dataWords) {
            left ^= dataWords->next();
            right ^= dataWords->next();
        }
        encryptBlock(&left, &right);
        m_state[i] = left;
        m_state[i + 1] = right;
    }
}

} // namespace lb
