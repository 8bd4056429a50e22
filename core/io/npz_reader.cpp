#include "core/io/npz_reader.h"

#include <zip.h>

#include <stdexcept>

#include "core/io/size_limits.h"

namespace bithep::io {

struct NpzReader::Archive {
    zip_t* zip = nullptr;
    std::string bytes;  // backing store of an in-memory archive
    ~Archive() {
        if (zip) zip_discard(zip);  // read-only: nothing to write back
    }
};

namespace {

// Owns an open archive member and exposes it as a ByteSource.
class Member {
public:
    Member(zip_t* zip, const std::string& entry, const std::string& context) : m_context(context) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat(zip, entry.c_str(), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
            throw std::runtime_error(context + ": cannot read the member's size: " + zip_strerror(zip));
        m_size = st.size;
        // A deflated member is bounded by what it inflates to; refuse bombs before inflating.
        if ((st.valid & ZIP_STAT_COMP_SIZE) && st.comp_method != ZIP_CM_STORE)
            checkStoredBytes(st.size, st.comp_size, context, "member " + entry);
        m_file = zip_fopen(zip, entry.c_str(), 0);
        if (!m_file) throw std::runtime_error(context + ": cannot open member: " + zip_strerror(zip));
    }
    ~Member() { zip_fclose(m_file); }
    Member(const Member&) = delete;
    Member& operator=(const Member&) = delete;
    std::size_t read(char* dst, std::size_t n) {
        const zip_int64_t k = zip_fread(m_file, dst, n);
        // A corrupt deflate stream or CRC mismatch shows up here.
        if (k < 0) throw std::runtime_error(m_context + ": corrupt data: " + zip_file_strerror(m_file));
        return static_cast<std::size_t>(k);
    }
    std::uint64_t size() const { return m_size; }  // uncompressed bytes, from the directory

private:
    zip_file_t* m_file = nullptr;
    std::uint64_t m_size = 0;
    std::string m_context;
};

}  // namespace

NpzReader::NpzReader(const std::filesystem::path& path) : m_path(path), m_archive(std::make_unique<Archive>()) {
    int error = 0;
    m_archive->zip = zip_open(path.c_str(), ZIP_RDONLY, &error);
    if (!m_archive->zip) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, error);
        const std::string reason = error == ZIP_ER_NOZIP ? "not a zip archive (npz files are zip files)"
                                                         : zip_error_strerror(&ze);
        zip_error_fini(&ze);
        throw std::runtime_error("npz file '" + path.string() + "': " + reason);
    }
}

NpzReader::NpzReader(std::filesystem::path name, std::unique_ptr<Archive> archive)
    : m_path(std::move(name)), m_archive(std::move(archive)) {}

NpzReader NpzReader::fromMemory(std::string_view bytes, const std::string& name) {
    auto archive = std::make_unique<Archive>();
    archive->bytes.assign(bytes);
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t* src = zip_source_buffer_create(archive->bytes.data(), archive->bytes.size(), 0, &ze);
    if (src) archive->zip = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!archive->zip) {
        if (src) zip_source_free(src);
        const std::string reason = zip_error_code_zip(&ze) == ZIP_ER_NOZIP ? "not a zip archive (npz files are zip files)"
                                                                          : zip_error_strerror(&ze);
        zip_error_fini(&ze);
        throw std::runtime_error("npz file '" + name + "': " + reason);
    }
    zip_error_fini(&ze);
    return NpzReader(name, std::move(archive));
}

NpzReader::~NpzReader() = default;
NpzReader::NpzReader(NpzReader&&) noexcept = default;
NpzReader& NpzReader::operator=(NpzReader&&) noexcept = default;

std::vector<std::string> NpzReader::names() const {
    std::vector<std::string> out;
    const zip_int64_t n = zip_get_num_entries(m_archive->zip, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
        const char* name = zip_get_name(m_archive->zip, static_cast<zip_uint64_t>(i), 0);
        if (!name) continue;
        std::string s(name);
        if (s.size() > 4 && s.compare(s.size() - 4, 4, ".npy") == 0) out.push_back(s.substr(0, s.size() - 4));
    }
    return out;
}

bool NpzReader::contains(const std::string& name) const {
    return zip_name_locate(m_archive->zip, (name + ".npy").c_str(), 0) >= 0;
}

NpyHeader NpzReader::header(const std::string& name) const {
    const std::string context = "npz file '" + m_path.string() + "', array '" + name + "'";
    if (!contains(name)) throw std::runtime_error(context + ": no such array in the archive");
    Member member(m_archive->zip, name + ".npy", context);
    return readNpyHeader([&](char* dst, std::size_t n) { return member.read(dst, n); }, context);
}

template <typename T>
NpyArray<T> NpzReader::read(const std::string& name, bool allowNaN) const {
    const std::string context = "npz file '" + m_path.string() + "', array '" + name + "'";
    if (!contains(name)) throw std::runtime_error(context + ": no such array in the archive");
    Member member(m_archive->zip, name + ".npy", context);
    return readNpy<T>([&](char* dst, std::size_t n) { return member.read(dst, n); }, context, allowNaN,
                      member.size());
}

template NpyArray<float> NpzReader::read<float>(const std::string&, bool) const;
template NpyArray<double> NpzReader::read<double>(const std::string&, bool) const;

}  // namespace bithep::io
