import PowerArch
import VMM

/// The simulated user process's side of global memory attached with vm_guatt: scenarios and
/// tests touch it as the process would, in problem state.
extension Kernel {
    /// A load the simulated user process makes (problem state), e.g. through a vm_guatt address.
    public func userLoad(_ ea: EffectiveAddress, count: Int) -> Result<[UInt8], StorageInterrupt> {
        vmm.load(ea, count: count, state: .problem)
    }

    /// A store the simulated user process makes; the storage interrupt that refused it, if any.
    public func userStore(_ bytes: [UInt8], at ea: EffectiveAddress) -> StorageInterrupt? {
        vmm.store(bytes, at: ea, state: .problem)
    }
}
