// Imported by name so the build adds exactly this component's styles (unplugin-element-plus).
import { ElEmpty } from 'element-plus'

export { ElEmpty }
