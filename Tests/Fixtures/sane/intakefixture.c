/*
 * intakefixture: a small SANE backend used by intake's tests. It serves the images of a
 * directory as a document feeder, and can be told to fail the way real scanners fail.
 *
 * Build:  cc -shared -fPIC -O2 -o libsane-intakefixture.so.1 intakefixture.c -llept
 * Load:   a dll.conf naming "intakefixture" in SANE_CONFIG_DIR, and the .so.1 in a
 *         directory of LD_LIBRARY_PATH (SANE's dll backend searches it first).
 *
 * Configuration: intakefixture.conf in a SANE_CONFIG_DIR directory, one line
 *     devices /abs/path/to/devices
 * Each subdirectory D of that folder is a device "intakefixture:D":
 *     D/pages/...     the images of the stack (any format Leptonica reads), fed in name order
 *     D/settings      optional "key=value" lines, read at every sane_open:
 *         jam_at=N         paper jam while reading page N (sane_read -> SANE_STATUS_JAMMED)
 *         cover_open_at=N  cover open when page N is started (sane_start -> SANE_STATUS_COVER_OPEN)
 *         io_error_at=N    I/O error while reading page N
 *         unplug_at=N      device lost while reading page N: creates D/unplugged, returns
 *                          SANE_STATUS_IO_ERROR, and the device is unlisted until D/unplugged
 *                          is removed (the "re-plug")
 *         busy=1           sane_open -> SANE_STATUS_DEVICE_BUSY
 *         delay_ms=N       wait N ms before each page (a slow scanner)
 *     D/unplugged     while it exists the device is absent (not listed, cannot be opened)
 * Sources: "Flatbed" (the first image, once per start), "ADF" and "ADF Duplex" (every image
 * once, then SANE_STATUS_NO_DOCS; for duplex the directory holds fronts and backs in order).
 * Modes "Color" (RGB, 8 bit) and "Gray" (8 bit). Images are scaled from their own
 * resolution (300 dpi when they carry none) to the requested one.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <leptonica/allheaders.h>
#include <sane/sane.h>
#include <sane/saneopts.h>

#define EXPORT(name) sane_intakefixture_##name
#define MAX_DEVICES 64

enum { OPT_NUM = 0, OPT_MODE, OPT_RESOLUTION, OPT_SOURCE, OPT_TL_X, OPT_TL_Y, OPT_BR_X, OPT_BR_Y, NUM_OPTIONS };

static SANE_String_Const mode_list[] = { "Color", "Gray", NULL };
static SANE_String_Const source_list[] = { "Flatbed", "ADF", "ADF Duplex", NULL };
static const SANE_Word resolution_list[] = { 6, 75, 100, 150, 200, 300, 600 };
static const SANE_Range x_range = { 0, SANE_FIX(215.9), 0 };
static const SANE_Range y_range = { 0, SANE_FIX(355.6), 0 };

typedef struct {
    char name[256];
    char dir[1024];
    int jam_at, cover_open_at, io_error_at, unplug_at, busy, delay_ms;
    char mode[16];
    SANE_Word resolution;
    char source[16];
    SANE_Word tl_x, tl_y, br_x, br_y;
    char **pages;
    int page_count;
    int next_page;    /* index of the next image to feed */
    int started;      /* pages started in this batch (1-based number of the current one) */
    int failed;       /* the device was lost */
    /* the page being read */
    unsigned char *data;
    size_t data_len, data_pos;
    int width, height, channels;
    int reading;
    SANE_Option_Descriptor opt[NUM_OPTIONS];
} Fixture;

static SANE_Device devices[MAX_DEVICES];
static const SANE_Device *device_list[MAX_DEVICES + 1];
static char device_names[MAX_DEVICES][256];

static int config_devices_root(char *out, size_t size) {
    const char *env = getenv("SANE_CONFIG_DIR");
    char dirs[4096];
    snprintf(dirs, sizeof dirs, "%s", env ? env : "/etc/sane.d");
    for (char *save = NULL, *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
        char path[1200];
        snprintf(path, sizeof path, "%s/intakefixture.conf", d);
        FILE *f = fopen(path, "r");
        if (!f) continue;
        char line[1200];
        int found = 0;
        while (fgets(line, sizeof line, f)) {
            char value[1100];
            if (sscanf(line, " devices %1099s", value) == 1) {
                snprintf(out, size, "%s", value);
                found = 1;
                break;
            }
        }
        fclose(f);
        if (found) return 1;
    }
    return 0;
}

static int exists(const char *dir, const char *name) {
    char path[1400];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0;
}

static int name_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

SANE_Status EXPORT(init)(SANE_Int *version, SANE_Auth_Callback auth) {
    (void)auth;
    if (version) *version = SANE_VERSION_CODE(SANE_CURRENT_MAJOR, 0, 1);
    setMsgSeverity(L_SEVERITY_NONE);
    return SANE_STATUS_GOOD;
}

void EXPORT(exit)(void) {}

SANE_Status EXPORT(get_devices)(const SANE_Device ***list, SANE_Bool local_only) {
    (void)local_only;
    char root[1100];
    int n = 0;
    if (config_devices_root(root, sizeof root)) {
        DIR *dir = opendir(root);
        if (dir) {
            char *names[MAX_DEVICES];
            int count = 0;
            struct dirent *e;
            while ((e = readdir(dir)) && count < MAX_DEVICES) {
                if (e->d_name[0] == '.') continue;
                char path[1400];
                snprintf(path, sizeof path, "%s/%s", root, e->d_name);
                struct stat st;
                if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode) || exists(path, "unplugged")) continue;
                names[count++] = strdup(e->d_name);
            }
            closedir(dir);
            qsort(names, count, sizeof names[0], name_cmp);
            for (int i = 0; i < count; i++) {
                snprintf(device_names[n], sizeof device_names[n], "%s", names[i]);
                free(names[i]);
                devices[n].name = device_names[n];
                devices[n].vendor = "Intake";
                devices[n].model = "Fixture ADF";
                devices[n].type = "sheetfed scanner";
                device_list[n] = &devices[n];
                n++;
            }
        }
    }
    device_list[n] = NULL;
    *list = device_list;
    return SANE_STATUS_GOOD;
}

static void read_settings(Fixture *s) {
    char path[1400];
    snprintf(path, sizeof path, "%s/settings", s->dir);
    FILE *f = fopen(path, "r");
    if (!f) return;
    char key[64];
    int value;
    char line[256];
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, " %63[a-z_] = %d", key, &value) != 2) continue;
        if (!strcmp(key, "jam_at")) s->jam_at = value;
        else if (!strcmp(key, "cover_open_at")) s->cover_open_at = value;
        else if (!strcmp(key, "io_error_at")) s->io_error_at = value;
        else if (!strcmp(key, "unplug_at")) s->unplug_at = value;
        else if (!strcmp(key, "busy")) s->busy = value;
        else if (!strcmp(key, "delay_ms")) s->delay_ms = value;
    }
    fclose(f);
}

static void load_pages(Fixture *s) {
    char path[1400];
    snprintf(path, sizeof path, "%s/pages", s->dir);
    DIR *dir = opendir(path);
    if (!dir) return;
    int cap = 16;
    s->pages = malloc(cap * sizeof(char *));
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.') continue;
        if (s->page_count == cap) { cap *= 2; s->pages = realloc(s->pages, cap * sizeof(char *)); }
        char *p = malloc(strlen(path) + strlen(e->d_name) + 2);
        sprintf(p, "%s/%s", path, e->d_name);
        s->pages[s->page_count++] = p;
    }
    closedir(dir);
    qsort(s->pages, s->page_count, sizeof(char *), name_cmp);
}

static void init_options(Fixture *s) {
    SANE_Option_Descriptor *o = s->opt;
    memset(o, 0, sizeof s->opt);
    o[OPT_NUM].name = ""; o[OPT_NUM].title = SANE_TITLE_NUM_OPTIONS; o[OPT_NUM].desc = SANE_DESC_NUM_OPTIONS;
    o[OPT_NUM].type = SANE_TYPE_INT; o[OPT_NUM].size = sizeof(SANE_Word); o[OPT_NUM].cap = SANE_CAP_SOFT_DETECT;

    o[OPT_MODE].name = SANE_NAME_SCAN_MODE; o[OPT_MODE].title = SANE_TITLE_SCAN_MODE; o[OPT_MODE].desc = SANE_DESC_SCAN_MODE;
    o[OPT_MODE].type = SANE_TYPE_STRING; o[OPT_MODE].size = 16;
    o[OPT_MODE].cap = SANE_CAP_SOFT_SELECT | SANE_CAP_SOFT_DETECT;
    o[OPT_MODE].constraint_type = SANE_CONSTRAINT_STRING_LIST; o[OPT_MODE].constraint.string_list = mode_list;

    o[OPT_RESOLUTION].name = SANE_NAME_SCAN_RESOLUTION; o[OPT_RESOLUTION].title = SANE_TITLE_SCAN_RESOLUTION;
    o[OPT_RESOLUTION].desc = SANE_DESC_SCAN_RESOLUTION; o[OPT_RESOLUTION].type = SANE_TYPE_INT;
    o[OPT_RESOLUTION].unit = SANE_UNIT_DPI; o[OPT_RESOLUTION].size = sizeof(SANE_Word);
    o[OPT_RESOLUTION].cap = SANE_CAP_SOFT_SELECT | SANE_CAP_SOFT_DETECT;
    o[OPT_RESOLUTION].constraint_type = SANE_CONSTRAINT_WORD_LIST; o[OPT_RESOLUTION].constraint.word_list = resolution_list;

    o[OPT_SOURCE].name = SANE_NAME_SCAN_SOURCE; o[OPT_SOURCE].title = SANE_TITLE_SCAN_SOURCE; o[OPT_SOURCE].desc = SANE_DESC_SCAN_SOURCE;
    o[OPT_SOURCE].type = SANE_TYPE_STRING; o[OPT_SOURCE].size = 16;
    o[OPT_SOURCE].cap = SANE_CAP_SOFT_SELECT | SANE_CAP_SOFT_DETECT;
    o[OPT_SOURCE].constraint_type = SANE_CONSTRAINT_STRING_LIST; o[OPT_SOURCE].constraint.string_list = source_list;

    const char *names[] = { SANE_NAME_SCAN_TL_X, SANE_NAME_SCAN_TL_Y, SANE_NAME_SCAN_BR_X, SANE_NAME_SCAN_BR_Y };
    for (int i = 0; i < 4; i++) {
        SANE_Option_Descriptor *g = &o[OPT_TL_X + i];
        g->name = names[i]; g->title = names[i]; g->desc = names[i];
        g->type = SANE_TYPE_FIXED; g->unit = SANE_UNIT_MM; g->size = sizeof(SANE_Word);
        g->cap = SANE_CAP_SOFT_SELECT | SANE_CAP_SOFT_DETECT;
        g->constraint_type = SANE_CONSTRAINT_RANGE; g->constraint.range = (i % 2 == 0) ? &x_range : &y_range;
    }
}

SANE_Status EXPORT(open)(SANE_String_Const name, SANE_Handle *handle) {
    char root[1100];
    if (!config_devices_root(root, sizeof root)) return SANE_STATUS_INVAL;
    if (!name || !*name) {
        const SANE_Device **list;
        EXPORT(get_devices)(&list, SANE_FALSE);
        if (!list[0]) return SANE_STATUS_INVAL;
        name = list[0]->name;
    }
    if (strchr(name, '/')) return SANE_STATUS_INVAL;
    Fixture *s = calloc(1, sizeof *s);
    snprintf(s->name, sizeof s->name, "%s", name);
    snprintf(s->dir, sizeof s->dir, "%s/%s", root, name);
    struct stat st;
    if (stat(s->dir, &st) != 0 || !S_ISDIR(st.st_mode) || exists(s->dir, "unplugged")) { free(s); return SANE_STATUS_INVAL; }
    read_settings(s);
    if (s->busy) { free(s); return SANE_STATUS_DEVICE_BUSY; }
    load_pages(s);
    snprintf(s->mode, sizeof s->mode, "Gray");
    snprintf(s->source, sizeof s->source, "Flatbed");
    s->resolution = 150;
    s->br_x = SANE_FIX(210.0);
    s->br_y = SANE_FIX(297.0);
    init_options(s);
    *handle = s;
    return SANE_STATUS_GOOD;
}

static void drop_page(Fixture *s) {
    free(s->data);
    s->data = NULL;
    s->data_len = s->data_pos = 0;
    s->reading = 0;
}

void EXPORT(close)(SANE_Handle h) {
    Fixture *s = h;
    drop_page(s);
    for (int i = 0; i < s->page_count; i++) free(s->pages[i]);
    free(s->pages);
    free(s);
}

const SANE_Option_Descriptor *EXPORT(get_option_descriptor)(SANE_Handle h, SANE_Int n) {
    Fixture *s = h;
    if (n < 0 || n >= NUM_OPTIONS) return NULL;
    return &s->opt[n];
}

SANE_Status EXPORT(control_option)(SANE_Handle h, SANE_Int n, SANE_Action action, void *value, SANE_Int *info) {
    Fixture *s = h;
    if (info) *info = 0;
    if (n < 0 || n >= NUM_OPTIONS) return SANE_STATUS_INVAL;
    if (s->reading) return SANE_STATUS_DEVICE_BUSY;
    SANE_Word *words[] = { NULL, NULL, &s->resolution, NULL, &s->tl_x, &s->tl_y, &s->br_x, &s->br_y };
    if (action == SANE_ACTION_GET_VALUE) {
        switch (n) {
        case OPT_NUM: *(SANE_Word *)value = NUM_OPTIONS; break;
        case OPT_MODE: strcpy(value, s->mode); break;
        case OPT_SOURCE: strcpy(value, s->source); break;
        default: *(SANE_Word *)value = *words[n];
        }
        return SANE_STATUS_GOOD;
    }
    if (action != SANE_ACTION_SET_VALUE || n == OPT_NUM) return SANE_STATUS_INVAL;
    switch (n) {
    case OPT_MODE:
    case OPT_SOURCE: {
        SANE_String_Const *list = n == OPT_MODE ? mode_list : source_list;
        for (int i = 0; list[i]; i++) {
            if (!strcmp(list[i], value)) {
                snprintf(n == OPT_MODE ? s->mode : s->source, 16, "%s", list[i]);
                if (info) *info = SANE_INFO_RELOAD_PARAMS;
                return SANE_STATUS_GOOD;
            }
        }
        return SANE_STATUS_INVAL;
    }
    case OPT_RESOLUTION: {
        SANE_Word v = *(SANE_Word *)value;
        for (int i = 1; i <= resolution_list[0]; i++) {
            if (resolution_list[i] == v) { s->resolution = v; if (info) *info = SANE_INFO_RELOAD_PARAMS; return SANE_STATUS_GOOD; }
        }
        return SANE_STATUS_INVAL;
    }
    default:
        *words[n] = *(SANE_Word *)value;
        if (info) *info = SANE_INFO_RELOAD_PARAMS;
        return SANE_STATUS_GOOD;
    }
}

static int color(const Fixture *s) { return strcmp(s->mode, "Color") == 0; }

SANE_Status EXPORT(get_parameters)(SANE_Handle h, SANE_Parameters *p) {
    Fixture *s = h;
    p->format = color(s) ? SANE_FRAME_RGB : SANE_FRAME_GRAY;
    p->last_frame = SANE_TRUE;
    p->depth = 8;
    if (s->reading) {
        p->pixels_per_line = s->width;
        p->lines = s->height;
    } else {
        /* estimate from the scan area, as a real scanner does before the start */
        p->pixels_per_line = (int)(SANE_UNFIX(s->br_x - s->tl_x) / 25.4 * s->resolution);
        p->lines = (int)(SANE_UNFIX(s->br_y - s->tl_y) / 25.4 * s->resolution);
    }
    p->bytes_per_line = p->pixels_per_line * (color(s) ? 3 : 1);
    return SANE_STATUS_GOOD;
}

static SANE_Status lose_device(Fixture *s) {
    char path[1400];
    snprintf(path, sizeof path, "%s/unplugged", s->dir);
    FILE *f = fopen(path, "w");
    if (f) fclose(f);
    s->failed = 1;
    drop_page(s);
    return SANE_STATUS_IO_ERROR;
}

SANE_Status EXPORT(start)(SANE_Handle h) {
    Fixture *s = h;
    if (s->failed || exists(s->dir, "unplugged")) { s->failed = 1; return SANE_STATUS_IO_ERROR; }
    if (s->reading) drop_page(s);
    int flatbed = strcmp(s->source, "Flatbed") == 0;
    if (s->page_count == 0 || (!flatbed && s->next_page >= s->page_count)) return SANE_STATUS_NO_DOCS;
    int number = s->started + 1;
    if (s->cover_open_at == number) { s->cover_open_at = 0; return SANE_STATUS_COVER_OPEN; }
    if (s->delay_ms > 0) usleep((useconds_t)s->delay_ms * 1000);
    const char *file = s->pages[flatbed ? 0 : s->next_page];
    PIX *pix = pixRead(file);
    if (!pix) return SANE_STATUS_IO_ERROR;
    int xres = pixGetXRes(pix);
    if (xres < 50) xres = 300;
    PIX *scaled = pix;
    if (xres != s->resolution) scaled = pixScale(pix, (float)s->resolution / xres, (float)s->resolution / xres);
    PIX *conv = color(s) ? pixConvertTo32(scaled) : pixConvertTo8(scaled, 0);
    if (scaled != pix) pixDestroy(&scaled);
    pixDestroy(&pix);
    if (!conv) return SANE_STATUS_IO_ERROR;
    s->width = pixGetWidth(conv);
    s->height = pixGetHeight(conv);
    s->channels = color(s) ? 3 : 1;
    s->data_len = (size_t)s->width * s->height * s->channels;
    s->data = malloc(s->data_len);
    for (int y = 0; y < s->height; y++) {
        l_uint32 *line = pixGetData(conv) + y * pixGetWpl(conv);
        unsigned char *out = s->data + (size_t)y * s->width * s->channels;
        for (int x = 0; x < s->width; x++) {
            if (s->channels == 3) {
                l_uint32 v = line[x];
                out[3 * x] = (v >> 24) & 0xff;
                out[3 * x + 1] = (v >> 16) & 0xff;
                out[3 * x + 2] = (v >> 8) & 0xff;
            } else {
                out[x] = GET_DATA_BYTE(line, x);
            }
        }
    }
    pixDestroy(&conv);
    s->data_pos = 0;
    s->reading = 1;
    s->started = number;
    if (!flatbed) s->next_page++;
    return SANE_STATUS_GOOD;
}

SANE_Status EXPORT(read)(SANE_Handle h, SANE_Byte *buf, SANE_Int max, SANE_Int *len) {
    Fixture *s = h;
    *len = 0;
    if (s->failed) return SANE_STATUS_IO_ERROR;
    if (!s->reading) return SANE_STATUS_CANCELLED;
    int number = s->started;
    if (s->data_pos >= s->data_len / 2) {
        if (s->jam_at == number) { s->jam_at = 0; drop_page(s); return SANE_STATUS_JAMMED; }
        if (s->io_error_at == number) { s->io_error_at = 0; drop_page(s); return SANE_STATUS_IO_ERROR; }
        if (s->unplug_at == number) { s->unplug_at = 0; return lose_device(s); }
    }
    if (s->data_pos >= s->data_len) { drop_page(s); return SANE_STATUS_EOF; }
    size_t n = s->data_len - s->data_pos;
    if (n > (size_t)max) n = (size_t)max;
    memcpy(buf, s->data + s->data_pos, n);
    s->data_pos += n;
    *len = (SANE_Int)n;
    return SANE_STATUS_GOOD;
}

void EXPORT(cancel)(SANE_Handle h) {
    Fixture *s = h;
    drop_page(s);
    s->started = 0;
}

SANE_Status EXPORT(set_io_mode)(SANE_Handle h, SANE_Bool non_blocking) {
    (void)h;
    return non_blocking ? SANE_STATUS_UNSUPPORTED : SANE_STATUS_GOOD;
}

SANE_Status EXPORT(get_select_fd)(SANE_Handle h, SANE_Int *fd) {
    (void)h; (void)fd;
    return SANE_STATUS_UNSUPPORTED;
}
