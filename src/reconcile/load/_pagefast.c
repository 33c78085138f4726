/* The fast PDF reader's per-character loops, compiled (load/fastpdf.py).

   fastpdf.py reproduces pdfplumber's characters, words and lines from pdfium's text
   page. Its loops run once a character (thousands a page) and cost about 2 us of
   Python each; here they cost a few nanoseconds. Each function does exactly what the
   Python function named in its comment does, and tests/test_fastpdf.py holds the two
   together (the same Document from every fixture, and hypothesis on `words`).

   pdfium's functions are called through the addresses that fastpdf.py has bound with
   ctypes: this module links against nothing but Python. It is optional: where it
   cannot be built (no compiler), fastpdf.py runs its Python loops. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

typedef struct {
    float left, top, right, bottom;
} FS_RECTF;

typedef int (*LooseBoxFn)(void *, int, FS_RECTF *);
typedef void *(*TextObjectFn)(void *, int);
typedef int (*IsGeneratedFn)(void *, int);
typedef void *(*GetObjectFn)(void *, int);
typedef int (*GetTypeFn)(void *);

/* --- Char: fastpdf._Char ----------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    PyObject *text;
    double x0, x1, top, bottom;
    char space, gap_before, gap_after;
} CharObject;

static PyTypeObject CharType;

static PyObject *char_create(PyObject *text, double x0, double x1, double top, double bottom, int gap,
                             int space) {
    CharObject *c = PyObject_New(CharObject, &CharType);
    if (c == NULL) return NULL;
    Py_INCREF(text);
    c->text = text;
    c->x0 = x0;
    c->x1 = x1;
    c->top = top;
    c->bottom = bottom;
    c->space = (char)(space != 0);
    c->gap_before = (char)(gap != 0);
    c->gap_after = 0;
    return (PyObject *)c;
}

static PyObject *char_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    static char *keywords[] = {"text", "x0", "x1", "top", "bottom", "gap", "space", NULL};
    PyObject *text;
    double x0, x1, top, bottom;
    int gap, space;
    (void)type;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "Uddddpp", keywords, &text, &x0, &x1, &top, &bottom, &gap,
                                     &space))
        return NULL;
    return char_create(text, x0, x1, top, bottom, gap, space);
}

static void char_dealloc(CharObject *self) {
    Py_XDECREF(self->text);
    PyObject_Free(self);
}

static PyMemberDef char_members[] = {
    {"text", T_OBJECT_EX, offsetof(CharObject, text), READONLY, NULL},
    {"x0", T_DOUBLE, offsetof(CharObject, x0), 0, NULL},
    {"x1", T_DOUBLE, offsetof(CharObject, x1), 0, NULL},
    {"top", T_DOUBLE, offsetof(CharObject, top), 0, NULL},
    {"bottom", T_DOUBLE, offsetof(CharObject, bottom), 0, NULL},
    {"space", T_BOOL, offsetof(CharObject, space), 0, NULL},
    {"gap_before", T_BOOL, offsetof(CharObject, gap_before), 0, NULL},
    {"gap_after", T_BOOL, offsetof(CharObject, gap_after), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyTypeObject CharType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "reconcile.load._pagefast.Char",
    .tp_doc = "One character as pdfplumber sees it: pdfminer's box, top down.",
    .tp_basicsize = sizeof(CharObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = char_new,
    .tp_dealloc = (destructor)char_dealloc,
    .tp_members = char_members,
};

/* Whether every item of the list is a Char (the functions below read their fields
   directly); if not, TypeError naming the function. */
static int all_chars(PyObject *chars, const char *function) {
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(chars); i++) {
        if (!PyObject_TypeCheck(PyList_GET_ITEM(chars, i), &CharType)) {
            PyErr_Format(PyExc_TypeError, "%s() takes a list of Char", function);
            return 0;
        }
    }
    return 1;
}

/* --- read_chars: fastpdf._Text.read ------------------------------------------------- */

static PyObject *pointer_or_none(void *pointer) {
    if (pointer == NULL) Py_RETURN_NONE;
    return PyLong_FromVoidPtr(pointer);
}

static PyObject *read_chars(PyObject *module, PyObject *args) {
    unsigned long long page_address, loose_box_address, text_object_address, is_generated_address;
    PyObject *text, *run_extent;
    int by_object;
    (void)module;
    if (!PyArg_ParseTuple(args, "KUpKKKO", &page_address, &text, &by_object, &loose_box_address,
                          &text_object_address, &is_generated_address, &run_extent))
        return NULL;
    void *page = (void *)(uintptr_t)page_address;
    LooseBoxFn loose_box = (LooseBoxFn)(uintptr_t)loose_box_address;
    TextObjectFn text_object = (TextObjectFn)(uintptr_t)text_object_address;
    IsGeneratedFn is_generated = (IsGeneratedFn)(uintptr_t)is_generated_address;

    PyObject *chars = PyList_New(0);
    PyObject *objects = by_object ? PyList_New(0) : Py_None;
    if (objects == Py_None) Py_INCREF(objects);
    if (chars == NULL || objects == NULL) goto error;

    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t count = PyUnicode_GET_LENGTH(text);
    float run_top = NAN, run_bottom = NAN;
    void *run_object = NULL;
    double top = 0.0, bottom = 0.0;
    int gap = 0;
    CharObject *last = NULL;
    for (Py_ssize_t index = 0; index < count; index++) {
        Py_UCS4 character = PyUnicode_READ(kind, data, index);
        int space = Py_UNICODE_ISSPACE(character);
        if (space && is_generated(page, (int)index)) {
            /* pdfium's own line breaks say nothing pdfplumber would; its spaces stand for
               a space glyph it dropped, or for a gap */
            if (character == ' ') {
                gap = 1;
                if (last != NULL) last->gap_after = 1;
            }
            continue;
        }
        FS_RECTF box;
        loose_box(page, (int)index, &box);
        void *object = by_object ? text_object(page, (int)index) : NULL;
        if (box.top != run_top || box.bottom != run_bottom) {
            run_top = box.top;
            run_bottom = box.bottom;
            if (object == NULL) object = text_object(page, (int)index);
            if (object != run_object) {
                run_object = object;
                PyObject *extent = PyObject_CallFunction(run_extent, "n", index);
                if (extent == NULL) goto error;
                int parsed = PyArg_ParseTuple(extent, "dd", &top, &bottom);
                Py_DECREF(extent);
                if (!parsed) goto error;
            }
        }
        PyObject *string = PyUnicode_FromOrdinal((int)character);
        if (string == NULL) goto error;
        PyObject *made = char_create(string, box.left, box.right, top, bottom, gap, space);
        Py_DECREF(string);
        if (made == NULL || PyList_Append(chars, made) < 0) {
            Py_XDECREF(made);
            goto error;
        }
        Py_DECREF(made);
        last = (CharObject *)made; /* the list holds it */
        if (by_object) {
            PyObject *handle = pointer_or_none(object);
            if (handle == NULL || PyList_Append(objects, handle) < 0) {
                Py_XDECREF(handle);
                goto error;
            }
            Py_DECREF(handle);
        }
        gap = 0;
    }
    return Py_BuildValue("(NN)", chars, objects);

error:
    Py_XDECREF(chars);
    Py_XDECREF(objects);
    return NULL;
}

/* --- words: fastpdf._words ----------------------------------------------------------- */

typedef struct {
    Py_ssize_t cluster;
    double x0;
    Py_ssize_t index;
} Place;

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* A line's characters in order of x0, the order given where x0 is equal (a stable
   sort, as Python's). */
static int compare_places(const void *a, const void *b) {
    const Place *p = a, *q = b;
    if (p->cluster != q->cluster) return p->cluster < q->cluster ? -1 : 1;
    if (p->x0 != q->x0) return p->x0 < q->x0 ? -1 : 1;
    return (p->index > q->index) - (p->index < q->index);
}

/* The index in sorted unique `values` (of length `count`) of `value`, which is there. */
static Py_ssize_t find_value(const double *values, Py_ssize_t count, double value) {
    Py_ssize_t low = 0, high = count - 1;
    while (low < high) {
        Py_ssize_t middle = low + (high - low) / 2;
        if (values[middle] < value)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

static PyObject *word_tuple(PyObject *chars, const Place *places, Py_ssize_t first, Py_ssize_t end,
                            double top, double x1, double bottom) {
    PyObject *parts = PyList_New(end - first);
    if (parts == NULL) return NULL;
    for (Py_ssize_t k = first; k < end; k++) {
        PyObject *text = ((CharObject *)PyList_GET_ITEM(chars, places[k].index))->text;
        Py_INCREF(text);
        PyList_SET_ITEM(parts, k - first, text);
    }
    PyObject *empty = PyUnicode_New(0, 0);
    PyObject *joined = empty == NULL ? NULL : PyUnicode_Join(empty, parts);
    Py_XDECREF(empty);
    Py_DECREF(parts);
    if (joined == NULL) return NULL;
    return Py_BuildValue("(Ndddd)", joined, places[first].x0, top, x1, bottom);
}

static PyObject *words(PyObject *module, PyObject *args) {
    PyObject *chars;
    double x_tolerance, y_tolerance;
    (void)module;
    if (!PyArg_ParseTuple(args, "O!dd", &PyList_Type, &chars, &x_tolerance, &y_tolerance)) return NULL;
    Py_ssize_t count = PyList_GET_SIZE(chars);
    if (!all_chars(chars, "words")) return NULL;
    PyObject *result = PyList_New(0);
    if (result == NULL || count == 0) return result;

    /* _cluster(chars, top, y_tolerance): the distinct tops in order, a new cluster where
       one is more than the tolerance above the one before it */
    double *tops = PyMem_Malloc(sizeof(double) * count);
    Py_ssize_t *cluster_of = PyMem_Malloc(sizeof(Py_ssize_t) * count);
    Place *places = PyMem_Malloc(sizeof(Place) * count);
    if (tops == NULL || cluster_of == NULL || places == NULL) {
        PyErr_NoMemory();
        goto error;
    }
    for (Py_ssize_t i = 0; i < count; i++) tops[i] = ((CharObject *)PyList_GET_ITEM(chars, i))->top;
    qsort(tops, (size_t)count, sizeof(double), compare_doubles);
    Py_ssize_t distinct = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        if (distinct == 0 || tops[i] != tops[distinct - 1]) tops[distinct++] = tops[i];
    }
    Py_ssize_t cluster = 0;
    for (Py_ssize_t k = 0; k < distinct; k++) {
        if (k > 0 && tops[k] > tops[k - 1] + y_tolerance) cluster++;
        cluster_of[k] = cluster;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        CharObject *c = (CharObject *)PyList_GET_ITEM(chars, i);
        places[i].cluster = cluster_of[find_value(tops, distinct, c->top)];
        places[i].x0 = c->x0;
        places[i].index = i;
    }
    qsort(places, (size_t)count, sizeof(Place), compare_places);

    /* each line split into words at spaces, at gaps wider than x_tolerance, where pdfium
       saw a gap, and where the top moves more than y_tolerance */
    Py_ssize_t first = -1; /* the current word's first place, or -1 */
    CharObject *previous = NULL;
    double top = 0.0, x1 = 0.0, bottom = 0.0;
    for (Py_ssize_t k = 0; k <= count; k++) {
        CharObject *c = k < count ? (CharObject *)PyList_GET_ITEM(chars, places[k].index) : NULL;
        int new_line = c == NULL || (k > 0 && places[k].cluster != places[k - 1].cluster);
        int ends = new_line || c->space || previous == NULL || previous->gap_after || c->gap_before ||
                   c->x0 > previous->x1 + x_tolerance || fabs(c->top - previous->top) > y_tolerance;
        if (ends && first >= 0) {
            PyObject *word = word_tuple(chars, places, first, k, top, x1, bottom);
            if (word == NULL || PyList_Append(result, word) < 0) {
                Py_XDECREF(word);
                goto error;
            }
            Py_DECREF(word);
            first = -1;
        }
        if (c == NULL) break;
        if (new_line) previous = NULL;
        if (c->space) {
            previous = NULL;
            continue;
        }
        if (first < 0) {
            first = k;
            top = c->top;
            x1 = c->x1;
            bottom = c->bottom;
        } else {
            if (c->top < top) top = c->top;
            if (c->x1 > x1) x1 = c->x1;
            if (c->bottom > bottom) bottom = c->bottom;
        }
        previous = c;
    }
    PyMem_Free(tops);
    PyMem_Free(cluster_of);
    PyMem_Free(places);
    return result;

error:
    PyMem_Free(tops);
    PyMem_Free(cluster_of);
    PyMem_Free(places);
    Py_DECREF(result);
    return NULL;
}

/* --- page_objects: fastpdf._page_objects ------------------------------------------ */

#define OBJECT_TEXT 1

static PyObject *page_objects(PyObject *module, PyObject *args) {
    unsigned long long page_address, get_object_address, get_type_address;
    int count;
    (void)module;
    if (!PyArg_ParseTuple(args, "KiKK", &page_address, &count, &get_object_address, &get_type_address))
        return NULL;
    void *page = (void *)(uintptr_t)page_address;
    GetObjectFn get_object = (GetObjectFn)(uintptr_t)get_object_address;
    GetTypeFn get_type = (GetTypeFn)(uintptr_t)get_type_address;
    PyObject *texts = PyList_New(0);
    PyObject *others = PyList_New(0);
    if (texts == NULL || others == NULL) goto error;
    for (int i = 0; i < count; i++) {
        void *object = get_object(page, i);
        int kind = object == NULL ? 0 : get_type(object);
        PyObject *handle = pointer_or_none(object);
        if (handle == NULL) goto error;
        int failed;
        if (kind == OBJECT_TEXT) {
            failed = PyList_Append(texts, handle) < 0;
        } else {
            PyObject *pair = Py_BuildValue("(Oi)", handle, kind);
            failed = pair == NULL || PyList_Append(others, pair) < 0;
            Py_XDECREF(pair);
        }
        Py_DECREF(handle);
        if (failed) goto error;
    }
    return Py_BuildValue("(NN)", texts, others);

error:
    Py_XDECREF(texts);
    Py_XDECREF(others);
    return NULL;
}

/* --- dropped_between: fastpdf._Objects._dropped_between_touching ----------------------- */

static PyObject *dropped_between(PyObject *module, PyObject *args) {
    PyObject *chars, *objects, *texts;
    (void)module;
    if (!PyArg_ParseTuple(args, "O!O!O!", &PyList_Type, &chars, &PyList_Type, &objects, &PyList_Type, &texts))
        return NULL;
    Py_ssize_t count = PyList_GET_SIZE(chars);
    if (PyList_GET_SIZE(objects) != count) {
        PyErr_SetString(PyExc_ValueError, "dropped_between() takes a text object a character");
        return NULL;
    }
    if (!all_chars(chars, "dropped_between")) return NULL;
    PyObject *position = PyDict_New();
    PyObject *dropped = PyList_New(0);
    if (position == NULL || dropped == NULL) goto error;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(texts); i++) {
        PyObject *index = PyLong_FromSsize_t(i);
        if (index == NULL || PyDict_SetItem(position, PyList_GET_ITEM(texts, i), index) < 0) {
            Py_XDECREF(index);
            goto error;
        }
        Py_DECREF(index);
    }
    for (Py_ssize_t i = 0; i + 1 < count; i++) {
        CharObject *c = (CharObject *)PyList_GET_ITEM(chars, i);
        PyObject *object = PyList_GET_ITEM(objects, i), *after = PyList_GET_ITEM(objects, i + 1);
        if (c->gap_after || object == Py_None || after == Py_None) continue;
        int same = PyObject_RichCompareBool(object, after, Py_EQ);
        if (same < 0) goto error;
        if (same) continue;
        PyObject *here = PyDict_GetItemWithError(position, object);
        if (here == NULL && PyErr_Occurred()) goto error;
        PyObject *there = PyDict_GetItemWithError(position, after);
        if (there == NULL && PyErr_Occurred()) goto error;
        if (here == NULL || there == NULL) continue;
        Py_ssize_t from = PyLong_AsSsize_t(here), to = PyLong_AsSsize_t(there);
        for (Py_ssize_t k = from + 1; k < to; k++) {
            if (PyList_Append(dropped, PyList_GET_ITEM(texts, k)) < 0) goto error;
        }
    }
    Py_DECREF(position);
    return dropped;

error:
    Py_XDECREF(position);
    Py_XDECREF(dropped);
    return NULL;
}

static PyMethodDef methods[] = {
    {"dropped_between", dropped_between, METH_VARARGS,
     "dropped_between(chars, objects, texts) -> [text object]: "
     "fastpdf._Objects._dropped_between_touching."},
    {"read_chars", read_chars, METH_VARARGS,
     "read_chars(textpage, text, by_object, loose_box, text_object, is_generated, run_extent) -> "
     "(chars, objects or None): fastpdf._Text.read's loop."},
    {"words", words, METH_VARARGS,
     "words(chars, x_tolerance, y_tolerance) -> [(text, x0, top, x1, bottom)]: fastpdf._words."},
    {"page_objects", page_objects, METH_VARARGS,
     "page_objects(page, count, get_object, get_type) -> (text objects, [(other object, type)]): "
     "fastpdf._page_objects."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_definition = {
    PyModuleDef_HEAD_INIT, "_pagefast", "The fast PDF reader's per-character loops, compiled.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__pagefast(void) {
    if (PyType_Ready(&CharType) < 0) return NULL;
    PyObject *module = PyModule_Create(&module_definition);
    if (module == NULL) return NULL;
    Py_INCREF(&CharType);
    if (PyModule_AddObject(module, "Char", (PyObject *)&CharType) < 0) {
        Py_DECREF(&CharType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
