fn main() {
    let t = std::env::args().nth(1).unwrap();
    let x = kashif::Extractor::with_default_rules().unwrap();
    println!("{}", x.names().stats());
    let a = kashif::text::Analysis::new(&t);
    for i in 0..a.len() {
        println!(
            "{} {:?} key={} light={}",
            i,
            a.surface(i),
            a.key(i),
            a.light(i)
        );
    }
}
