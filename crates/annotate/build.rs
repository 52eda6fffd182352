//! Compiles the gazetteer's names into a hash table stored in the binary (see `src/names.rs`),
//! so that loading the gazetteer at run time builds no index.

#[allow(dead_code)]
#[path = "src/names.rs"]
mod names;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn read(dir: &Path, name: &str) -> String {
    let p = dir.join(name);
    println!("cargo:rerun-if-changed={}", p.display());
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

fn main() {
    println!("cargo:rerun-if-changed=src/names.rs");
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let dir = manifest.join("../../data/gazetteer");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    let (countries, cities, regions, orgs, people) = (
        read(&dir, "countries.tsv"),
        read(&dir, "cities.tsv"),
        read(&dir, "regions.tsv"),
        read(&dir, "orgs.tsv"),
        read(&dir, "people.tsv"),
    );
    let tables = names::Tables {
        countries: &countries,
        cities: &cities,
        regions: &regions,
        orgs: &orgs,
        people: &people,
    };
    // Items: (spelling offset, spelling length, kind << KIND_SHIFT | row, next item or MAX).
    let mut items: Vec<[u32; 4]> = Vec::new();
    let mut blob = String::new();
    let mut spelled: HashMap<&str, (u32, u32)> = HashMap::new();
    let mut heads: HashMap<String, u32> = HashMap::new();
    let mut order: Vec<(u64, u32)> = Vec::new();
    let mut prefixes: HashMap<u64, ()> = HashMap::new();
    let mut max_len = 0usize;
    names::each_name(&tables, |name, kind, row| {
        let entry = (kind << names::KIND_SHIFT) | row;
        let (off, len) = *spelled.entry(name).or_insert_with(|| {
            let off = blob.len() as u32;
            blob.push_str(name);
            (off, name.len() as u32)
        });
        let folded = name.to_ascii_lowercase();
        let new = items.len() as u32;
        match heads.get(&folded) {
            Some(&head) => {
                let mut i = head as usize;
                loop {
                    let it = items[i];
                    if &blob[it[0] as usize..(it[0] + it[1]) as usize] == name && it[2] == entry {
                        break;
                    }
                    if it[3] == u32::MAX {
                        items[i][3] = new;
                        items.push([off, len, entry, u32::MAX]);
                        break;
                    }
                    i = it[3] as usize;
                }
            }
            None => {
                max_len = max_len.max(name.len());
                for (i, c) in folded.char_indices().skip(1) {
                    if !(c.is_alphanumeric() || c == '_') {
                        prefixes.insert(names::hash(&folded.as_bytes()[..i]), ());
                    }
                }
                order.push((names::hash(folded.as_bytes()), new));
                heads.insert(folded, new);
                items.push([off, len, entry, u32::MAX]);
            }
        }
    });
    let bits = (order.len() * 2).next_power_of_two().trailing_zeros();
    let mask = (1usize << bits) - 1;
    let mut table = vec![0u64; 1 << bits];
    for &(h, head) in &order {
        let mut slot = h as usize & mask;
        while table[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        table[slot] = (u64::from(names::fingerprint(h)) << 32) | u64::from(head + 1);
    }
    let pbits = (prefixes.len() * 2)
        .max(2)
        .next_power_of_two()
        .trailing_zeros();
    let pmask = (1usize << pbits) - 1;
    let mut ptable = vec![0u32; 1 << pbits];
    let mut phashes: Vec<u64> = prefixes.into_keys().collect();
    phashes.sort_unstable();
    for h in phashes {
        let mut slot = h as usize & pmask;
        while ptable[slot] != 0 {
            slot = (slot + 1) & pmask;
        }
        ptable[slot] = names::fingerprint(h);
    }
    let bytes = |v: &mut Vec<u8>, x: &[u8]| v.extend_from_slice(x);
    let mut b = Vec::new();
    for it in &items {
        for x in it {
            bytes(&mut b, &x.to_le_bytes());
        }
    }
    write(&out, "names_items.bin", &b);
    let mut b = Vec::new();
    for x in &table {
        bytes(&mut b, &x.to_le_bytes());
    }
    write(&out, "names_table.bin", &b);
    let mut b = Vec::new();
    for x in &ptable {
        bytes(&mut b, &x.to_le_bytes());
    }
    write(&out, "names_prefixes.bin", &b);
    write(&out, "names_blob.txt", blob.as_bytes());
    let meta = format!(
        "/// Bits of the name table size.\nconst TABLE_BITS: u32 = {bits};\n\
         /// Bits of the prefix table size.\nconst PREFIX_BITS: u32 = {pbits};\n\
         /// Longest name in bytes.\nconst MAX_LEN: usize = {max_len};\n\
         /// Distinct case-folded names.\nconst DISTINCT: usize = {};\n",
        order.len()
    );
    write(&out, "names_meta.rs", meta.as_bytes());
}

fn write(out: &Path, name: &str, data: &[u8]) {
    let p = out.join(name);
    std::fs::write(&p, data).unwrap_or_else(|e| panic!("cannot write {}: {e}", p.display()));
}
